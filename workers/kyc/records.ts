import { and, eq, isNull } from 'drizzle-orm';
import {
  type DocumentSide,
  type IdType,
  type KycDocumentInfo,
  type KycState,
  type KycStatus,
  requiredSides,
} from '../../wire/kyc.ts';
import { type AuditEntry, auditValues } from '../audit/log.ts';
import { database } from '../db/index.ts';
import { type KycDocument, type KycVerification, kycDocuments, kycVerifications } from '../db/safety-schema.ts';
import { performerProfiles } from '../db/schema.ts';

/** Rows of `kyc_verifications` and `kyc_documents`, typed from the schema, and their wire views. */
export type VerificationRow = KycVerification;
export type DocumentRow = KycDocument;

/** A performer may change the form and documents only while nobody is reviewing or has approved them. */
export const EDITABLE: readonly KycStatus[] = ['draft', 'rejected'];
export const IN_REVIEW: readonly KycStatus[] = ['submitted', 'resubmitted'];

const SIDE_ORDER: readonly DocumentSide[] = ['front', 'back', 'selfie'];

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function verificationOf(db: D1Database, userId: string): Promise<VerificationRow | null> {
  const [row] = await database({ DB: db }).select().from(kycVerifications).where(eq(kycVerifications.userId, userId));
  return row ?? null;
}

export async function documentsOf(db: D1Database, verificationId: string): Promise<DocumentRow[]> {
  const rows = await database({ DB: db })
    .select()
    .from(kycDocuments)
    .where(and(eq(kycDocuments.verificationId, verificationId), isNull(kycDocuments.deletedAt)))
    .orderBy(kycDocuments.createdAt);
  // Front, back, selfie: the order a reviewer reads them in, whatever order they uploaded in.
  return rows.sort((a, b) => SIDE_ORDER.indexOf(a.side) - SIDE_ORDER.indexOf(b.side));
}

/**
 * Where the performer's identity verification stands: the verification's own status, else the
 * profile's flag; null for an account with no performer profile.
 */
export async function kycStatusOf(db: D1Database, userId: string): Promise<string | null> {
  const [row] = await database({ DB: db })
    .select({ verification: kycVerifications.status, profile: performerProfiles.kycStatus })
    .from(performerProfiles)
    .leftJoin(kycVerifications, eq(kycVerifications.userId, performerProfiles.userId))
    .where(eq(performerProfiles.userId, userId));
  return row ? (row.verification ?? row.profile) : null;
}

/** One document of a verification that is still stored (not deleted by retention or a replacement). */
export async function storedDocument(
  db: D1Database,
  verificationId: string,
  documentId: string,
): Promise<DocumentRow | null> {
  const [row] = await database({ DB: db })
    .select()
    .from(kycDocuments)
    .where(
      and(
        eq(kycDocuments.id, documentId),
        eq(kycDocuments.verificationId, verificationId),
        isNull(kycDocuments.deletedAt),
      ),
    );
  return row ?? null;
}

export function documentInfo(d: DocumentRow): KycDocumentInfo {
  return {
    id: d.id,
    side: d.side,
    contentType: d.contentType,
    size: d.size,
    uploadedAt: new Date(d.createdAt).toISOString(),
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
      legalName: v.legalName,
      dateOfBirth: v.dateOfBirth,
      country: v.country,
      idType: v.idType,
      idNumberLast4: v.idNumberLast4,
      stageNames: v.stageNames,
      consent: v.consentAt !== null,
    },
    documents: documents.map(documentInfo),
    submittedAt: iso(v.submittedAt),
    reviewedAt: iso(v.reviewedAt),
    rejectionReason: v.status === 'rejected' || v.status === 'resubmitted' ? v.rejectionReason : null,
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
      `insert into audit_log (actor, action, object_type, object_id, ip, detail, created_at)
         select ?, ?, ?, ?, ?, ?, ? where exists (${guard})`,
    )
    .bind(...auditValues(entry, now), ...guardBinds);
}
