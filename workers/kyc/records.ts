import {
  type DocumentSide,
  type IdType,
  type KycDocumentInfo,
  type KycDocumentType,
  type KycState,
  type KycStatus,
  requiredSides,
} from '../../wire/kyc.ts';
import type { AuditEntry } from '../audit/log.ts';

/** Rows of `kyc_verifications` and `kyc_documents` as D1 returns them, and their wire views. */
export type VerificationRow = {
  id: string;
  user_id: string;
  status: Exclude<KycStatus, 'none'>;
  legal_name: string;
  date_of_birth: string;
  country: string;
  id_type: IdType;
  id_number_sealed: string;
  id_number_last4: string;
  stage_names: string;
  consent_at: number | null;
  submitted_at: number | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
  rejection_reason: string | null;
  created_at: number;
  updated_at: number;
};

export type DocumentRow = {
  id: string;
  verification_id: string;
  side: DocumentSide;
  object_key: string;
  content_type: KycDocumentType;
  size: number;
  stored_size: number;
  wrapped_key: string;
  key_id: string;
  sha256: string;
  created_at: number;
  deleted_at: number | null;
};

/** A performer may change the form and documents only while nobody is reviewing or has approved them. */
export const EDITABLE: readonly KycStatus[] = ['draft', 'rejected'];
export const IN_REVIEW: readonly KycStatus[] = ['submitted', 'resubmitted'];

const SIDE_ORDER: readonly DocumentSide[] = ['front', 'back', 'selfie'];

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function verificationOf(db: D1Database, userId: string): Promise<VerificationRow | null> {
  return db.prepare('select * from kyc_verifications where user_id = ?').bind(userId).first<VerificationRow>();
}

export async function documentsOf(db: D1Database, verificationId: string): Promise<DocumentRow[]> {
  const { results } = await db
    .prepare('select * from kyc_documents where verification_id = ? and deleted_at is null order by created_at')
    .bind(verificationId)
    .all<DocumentRow>();
  // Front, back, selfie: the order a reviewer reads them in, whatever order they uploaded in.
  return results.sort((a, b) => SIDE_ORDER.indexOf(a.side) - SIDE_ORDER.indexOf(b.side));
}

export function documentInfo(d: DocumentRow): KycDocumentInfo {
  return {
    id: d.id,
    side: d.side,
    contentType: d.content_type,
    size: d.size,
    uploadedAt: new Date(d.created_at).toISOString(),
  };
}

/** What the performer sees of their own verification (the ID number only as its last four). */
export function stateOf(v: VerificationRow | null, documents: DocumentRow[]): KycState {
  if (!v)
    return {
      status: 'none',
      form: null,
      documents: [],
      submittedAt: null,
      reviewedAt: null,
      rejectionReason: null,
      editable: true,
    };
  return {
    status: v.status,
    form: {
      legalName: v.legal_name,
      dateOfBirth: v.date_of_birth,
      country: v.country,
      idType: v.id_type,
      idNumberLast4: v.id_number_last4,
      stageNames: JSON.parse(v.stage_names) as string[],
      consent: v.consent_at !== null,
    },
    documents: documents.map(documentInfo),
    submittedAt: iso(v.submitted_at),
    reviewedAt: iso(v.reviewed_at),
    rejectionReason: v.status === 'rejected' || v.status === 'resubmitted' ? v.rejection_reason : null,
    editable: EDITABLE.includes(v.status),
  };
}

/** The sides still missing before the verification can be submitted. */
export function missingSides(idType: IdType, documents: DocumentRow[]): DocumentSide[] {
  return requiredSides(idType).filter((side) => !documents.some((d) => d.side === side));
}

/**
 * An audit row that is written only if `guard` (a `select 1 …`) finds a row, in the same batch
 * as the change. The change statements are conditional (on status or on not yet deleted), so a
 * racing second request changes nothing; the guard keeps it from leaving a second trace too.
 */
export function guardedAudit(
  db: D1Database,
  entry: AuditEntry,
  guard: string,
  guardBinds: unknown[],
  now = Date.now(),
): D1PreparedStatement {
  return db
    .prepare(
      `insert into audit_log (actor, action, object_type, object_id, ip, detail, created_at) select ?, ?, ?, ?, ?, ?, ? where exists (${guard})`,
    )
    .bind(
      entry.actor,
      entry.action,
      entry.objectType,
      entry.objectId,
      entry.ip ?? null,
      entry.detail ? JSON.stringify(entry.detail) : null,
      now,
      ...guardBinds,
    );
}
