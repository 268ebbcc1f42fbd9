import { type DocumentSide, KYC_DOCUMENT_MAX_BYTES, KYC_DOCUMENT_TYPES, type KycState } from '../../../wire/kyc.ts';
import { client } from './api-client.ts';
import { putWithProgress } from './upload.ts';

/** The limits the Worker enforces (it also checks the bytes), checked first so nobody waits for a doomed upload. */
export function documentProblem(file: File): string | undefined {
  if (file.size === 0) return 'That file is empty';
  if (file.size > KYC_DOCUMENT_MAX_BYTES)
    return `That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB`;
  if (file.type && !(KYC_DOCUMENT_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or PDF';
  return undefined;
}

/** Streams one document's raw bytes to the Worker, which encrypts it before storing. */
export function uploadDocument(
  side: DocumentSide,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<KycState> {
  return putWithProgress(
    client.studio.verification.documents[':side'],
    `/api/studio/verification/documents/${side}`,
    file,
    onProgress,
  );
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** ISO 3166-1 alpha-2 codes; names come from the browser (Intl.DisplayNames) in the reader's language. */
const CODES = [
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS',
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE',
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM',
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC',
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA',
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW',
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO',
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW',
].join(' ');

export function countries(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(undefined, { type: 'region' });
  return CODES.split(' ')
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
