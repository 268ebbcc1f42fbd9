/**
 * Envelope encryption for identity documents and ID numbers. Each document gets its own fresh
 * AES-256-GCM data key; that key is stored only wrapped (AES-KW) by a master key from the
 * `KYC_MASTER_KEYS` secret, under the key id it was wrapped with. Rotating means adding a new
 * key and pointing `KYC_ACTIVE_KEY_ID` at it: new documents use it, old ones still open with theirs.
 * The GCM additional data names the document, so an object swapped in from another row fails too.
 */

const VERSION = 1;
const IV_BYTES = 12;

/** The stored bytes did not decrypt: tampered, truncated, swapped, or sealed under an unknown key. */
export class DocumentDamaged extends Error {
  override name = 'DocumentDamaged';
}

/** ArrayBuffer-backed bytes: what WebCrypto takes under both the Workers and the DOM typings. */
type Bytes = Uint8Array<ArrayBuffer>;

export type Sealed = { bytes: Bytes; wrappedKey: string; keyId: string };

/** The secrets this module reads (a subset of Env, so tests can pass other keys). */
export type KycKeys = { KYC_MASTER_KEYS?: string; KYC_ACTIVE_KEY_ID?: string };

type MasterKeys = { active: string; keys: Map<string, CryptoKey> };
const imported = new Map<string, Promise<MasterKeys>>();

/** Parsed and imported once per isolate for each distinct secret value. */
function masterKeys(env: KycKeys): Promise<MasterKeys> {
  const cacheKey = `${env.KYC_ACTIVE_KEY_ID}\n${env.KYC_MASTER_KEYS}`;
  let keys = imported.get(cacheKey);
  if (!keys) {
    keys = importMasterKeys(env.KYC_MASTER_KEYS ?? '', env.KYC_ACTIVE_KEY_ID ?? '');
    imported.set(cacheKey, keys);
    keys.catch(() => imported.delete(cacheKey));
  }
  return keys;
}

async function importMasterKeys(json: string, active: string): Promise<MasterKeys> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('KYC_MASTER_KEYS is not a JSON object of key id to base64 key');
  }
  if (!parsed || typeof parsed !== 'object') throw new Error('KYC_MASTER_KEYS is not a JSON object');
  const keys = new Map<string, CryptoKey>();
  for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
    const raw = typeof value === 'string' ? fromBase64(value) : new Uint8Array();
    if (raw.length !== 32) throw new Error(`KYC master key ${id} is not 32 bytes of base64`);
    keys.set(id, await crypto.subtle.importKey('raw', raw, 'AES-KW', false, ['wrapKey', 'unwrapKey']));
  }
  if (!keys.has(active)) throw new Error('KYC_ACTIVE_KEY_ID names no key in KYC_MASTER_KEYS');
  return { active, keys };
}

export async function seal(env: KycKeys, plain: Bytes, context: string): Promise<Sealed> {
  const master = await masterKeys(env);
  const dataKey = (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ])) as CryptoKey;
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encode(context) }, dataKey, plain),
  );
  const wrapped = new Uint8Array(
    await crypto.subtle.wrapKey('raw', dataKey, master.keys.get(master.active)!, 'AES-KW'),
  );
  const bytes = new Uint8Array(1 + IV_BYTES + cipher.length);
  bytes[0] = VERSION;
  bytes.set(iv, 1);
  bytes.set(cipher, 1 + IV_BYTES);
  return { bytes, wrappedKey: toBase64(wrapped), keyId: master.active };
}

export async function open(env: KycKeys, sealed: Sealed, context: string): Promise<Bytes> {
  const master = await masterKeys(env);
  const wrapping = master.keys.get(sealed.keyId);
  if (!wrapping) throw new DocumentDamaged(`no master key ${sealed.keyId}`);
  const { bytes } = sealed;
  if (bytes.length < 1 + IV_BYTES + 16 || bytes[0] !== VERSION)
    throw new DocumentDamaged('unknown format or truncated');
  try {
    const dataKey = await crypto.subtle.unwrapKey(
      'raw',
      fromBase64(sealed.wrappedKey),
      wrapping,
      'AES-KW',
      'AES-GCM',
      false,
      ['decrypt'],
    );
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: encode(context) },
        dataKey,
        bytes.subarray(1 + IV_BYTES),
      ),
    );
  } catch (err) {
    throw new DocumentDamaged((err as Error).message);
  }
}

/** Short secrets (the ID number) as one text column: `v1.<keyId>.<wrapped key>.<iv+ciphertext>`. */
export async function sealText(env: KycKeys, text: string, context: string): Promise<string> {
  const sealed = await seal(env, encode(text), context);
  return ['v1', encodeURIComponent(sealed.keyId), sealed.wrappedKey, toBase64(sealed.bytes)].join('.');
}

export async function openText(env: KycKeys, sealedText: string, context: string): Promise<string> {
  const [version, keyId = '', wrappedKey = '', bytes = ''] = sealedText.split('.');
  if (version !== 'v1') throw new DocumentDamaged('unknown sealed text format');
  const plain = await open(env, { keyId: decodeURIComponent(keyId), wrappedKey, bytes: fromBase64(bytes) }, context);
  return new TextDecoder().decode(plain);
}

export const documentContext = (documentId: string) => `encore-kyc-document:${documentId}`;
export const idNumberContext = (verificationId: string) => `encore-kyc-id-number:${verificationId}`;

function encode(text: string): Bytes {
  return new TextEncoder().encode(text) as Bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Bytes {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0)) as Bytes;
  } catch {
    return new Uint8Array(new ArrayBuffer(0));
  }
}
