import { eq, inArray, type SQL } from 'drizzle-orm';
import { ageOn } from '../../wire/account.ts';
import type { KycQueue, KycReview } from '../../wire/kyc.ts';
import type { AuditEntry } from '../audit/log.ts';
import { database } from '../db/index.ts';
import { kycVerifications } from '../db/safety-schema.ts';
import { users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { identityNotice } from '../notifications/account-notices.ts';
import { idNumberContext, type KycKeys, openText } from './envelope.ts';
import { documentInfo, documentsOf, guardedAudit, IN_REVIEW, iso, type VerificationRow } from './records.ts';
import { recordOf } from './verification.ts';

/** The admin's side: the queue oldest first, one verification in full, and the decision. */

type Row = VerificationRow & { handle: string; email: string };
const WAITING = inArray(kycVerifications.status, ['submitted', 'resubmitted']);

/** Verifications with their performer's handle and email, oldest submission first. */
async function withPerformer(db: D1Database, where: SQL | undefined, limit: number): Promise<Row[]> {
  const rows = await database({ DB: db })
    .select({ v: kycVerifications, handle: users.handle, email: users.email })
    .from(kycVerifications)
    .innerJoin(users, eq(users.id, kycVerifications.userId))
    .where(where)
    .orderBy(kycVerifications.submittedAt, kycVerifications.id)
    .limit(limit);
  return rows.map(({ v, handle, email }) => ({ ...v, handle, email }));
}

export async function queue(db: D1Database, limit = 50): Promise<KycQueue> {
  const [results, total] = await Promise.all([
    withPerformer(db, WAITING, limit),
    database({ DB: db }).$count(kycVerifications, WAITING),
  ]);
  const items = results.map((r) => ({
    id: r.id,
    handle: r.handle,
    status: r.status,
    country: r.country,
    idType: r.idType,
    submittedAt: iso(r.submittedAt) ?? '',
  }));
  return { items, total };
}

type ReviewEnv = KycKeys & { DB: D1Database };

/** The oldest waiting verification in full, or null when the queue is empty (one query fewer than queue + reviewOf). */
export async function nextReview(env: ReviewEnv): Promise<KycReview | null> {
  const [v] = await withPerformer(env.DB, WAITING, 1);
  return v ? fullReview(env, v) : null;
}

export async function reviewOf(env: ReviewEnv, id: string): Promise<KycReview> {
  const [v] = await withPerformer(env.DB, eq(kycVerifications.id, id), 1);
  if (!v) throw new ApiError(404, 'NOT_FOUND', 'No such verification');
  return fullReview(env, v);
}

async function fullReview(env: ReviewEnv, v: Row): Promise<KycReview> {
  const [documents, idNumber] = await Promise.all([
    documentsOf(env.DB, v.id),
    openText(env, v.idNumberSealed, idNumberContext(v.id)),
  ]);
  return {
    id: v.id,
    userId: v.userId,
    handle: v.handle,
    email: v.email,
    status: v.status,
    legalName: v.legalName,
    dateOfBirth: v.dateOfBirth,
    age: ageOn(v.dateOfBirth, new Date()),
    country: v.country,
    idType: v.idType,
    idNumber,
    stageNames: v.stageNames,
    consentAt: iso(v.consentAt),
    submittedAt: iso(v.submittedAt),
    reviewedAt: iso(v.reviewedAt),
    reviewedBy: v.reviewedBy,
    rejectionReason: v.rejectionReason,
    documents: documents.map(documentInfo),
  };
}

export type Decision = { approve: true } | { approve: false; reason: string };

/**
 * Approve or reject one waiting verification. The performer's profile flag (the go-live gate)
 * and the audit row land in the same batch, and only if this request is the one that decided.
 */
export async function decide(
  db: D1Database,
  id: string,
  decision: Decision,
  audit: Omit<AuditEntry, 'action' | 'objectType' | 'objectId' | 'detail'>,
  now = Date.now(),
): Promise<{ status: 'approved' | 'rejected'; reviewedAt: string; reviewedBy: string }> {
  const [v] = await database({ DB: db }).select().from(kycVerifications).where(eq(kycVerifications.id, id));
  if (!v) throw new ApiError(404, 'NOT_FOUND', 'No such verification');
  if (!IN_REVIEW.includes(v.status))
    throw new ApiError(409, 'VERIFICATION_LOCKED', `This verification is ${v.status}, not waiting for review`);
  const status = decision.approve ? 'approved' : 'rejected';
  const reason = decision.approve ? null : decision.reason;
  const decided = `select 1 from kyc_verifications where id = ? and status = ? and reviewed_at = ? and reviewed_by = ?`;
  const guard = [id, status, now, audit.actor];
  const [changed] = await db.batch([
    db
      .prepare(
        `update kyc_verifications set status = ?, reviewed_at = ?, reviewed_by = ?, rejection_reason = ?, updated_at = ?
          where id = ? and status = ?`,
      )
      .bind(status, now, audit.actor, reason, now, id, v.status),
    db
      .prepare(`update performer_profiles set kyc_status = ?, updated_at = ? where user_id = ? and exists (${decided})`)
      .bind(status, now, v.userId, ...guard),
    guardedAudit(
      db,
      {
        ...audit,
        action: `kyc.${decision.approve ? 'approve' : 'reject'}`,
        objectType: 'kyc_verification',
        objectId: id,
        detail: { ...recordOf(v), performerId: v.userId, ...(reason ? { reason } : {}) },
      },
      decided,
      guard,
      now,
    ),
  ]);
  if (!changed || changed.meta.changes === 0)
    throw new ApiError(409, 'VERIFICATION_LOCKED', 'Another admin decided this verification first');
  await identityNotice(db, v.userId, id, decision.approve, reason);
  return { status, reviewedAt: new Date(now).toISOString(), reviewedBy: audit.actor };
}
