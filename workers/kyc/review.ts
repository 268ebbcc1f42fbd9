import { ageOn } from '../../wire/account.ts';
import type { KycQueue, KycReview } from '../../wire/kyc.ts';
import type { AuditEntry } from '../audit/log.ts';
import { ApiError } from '../errors.ts';
import { idNumberContext, type KycKeys, openText } from './envelope.ts';
import { documentInfo, documentsOf, guardedAudit, IN_REVIEW, iso, type VerificationRow } from './records.ts';
import { recordOf } from './verification.ts';

/** The admin's side: the queue oldest first, one verification in full, and the decision. */

type Row = VerificationRow & { handle: string; email: string };
const SELECT = 'select v.*, u.handle, u.email from kyc_verifications v join users u on u.id = v.user_id';
const WAITING = `v.status in ('submitted', 'resubmitted')`;

export async function queue(db: D1Database, limit = 50): Promise<KycQueue> {
  const [{ results }, total] = await Promise.all([
    db.prepare(`${SELECT} where ${WAITING} order by v.submitted_at, v.id limit ?`).bind(limit).all<Row>(),
    db.prepare(`select count(*) as n from kyc_verifications v where ${WAITING}`).first<{ n: number }>(),
  ]);
  const items = results.map((r) => ({
    id: r.id,
    handle: r.handle,
    status: r.status,
    country: r.country,
    idType: r.id_type,
    submittedAt: iso(r.submitted_at) ?? '',
  }));
  return { items, total: total?.n ?? 0 };
}

type ReviewEnv = KycKeys & { DB: D1Database };

/** The oldest waiting verification in full, or null when the queue is empty (one query fewer than queue + reviewOf). */
export async function nextReview(env: ReviewEnv): Promise<KycReview | null> {
  const v = await env.DB.prepare(`${SELECT} where ${WAITING} order by v.submitted_at, v.id limit 1`).first<Row>();
  return v ? fullReview(env, v) : null;
}

export async function reviewOf(env: ReviewEnv, id: string): Promise<KycReview> {
  const v = await env.DB.prepare(`${SELECT} where v.id = ?`).bind(id).first<Row>();
  if (!v) throw new ApiError(404, 'NOT_FOUND', 'No such verification');
  return fullReview(env, v);
}

async function fullReview(env: ReviewEnv, v: Row): Promise<KycReview> {
  const [documents, idNumber] = await Promise.all([
    documentsOf(env.DB, v.id),
    openText(env, v.id_number_sealed, idNumberContext(v.id)),
  ]);
  return {
    id: v.id,
    userId: v.user_id,
    handle: v.handle,
    email: v.email,
    status: v.status,
    legalName: v.legal_name,
    dateOfBirth: v.date_of_birth,
    age: ageOn(v.date_of_birth, new Date()),
    country: v.country,
    idType: v.id_type,
    idNumber,
    stageNames: JSON.parse(v.stage_names) as string[],
    consentAt: iso(v.consent_at),
    submittedAt: iso(v.submitted_at),
    reviewedAt: iso(v.reviewed_at),
    reviewedBy: v.reviewed_by,
    rejectionReason: v.rejection_reason,
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
  const v = await db.prepare('select * from kyc_verifications where id = ?').bind(id).first<VerificationRow>();
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
        `update kyc_verifications set status = ?, reviewed_at = ?, reviewed_by = ?, rejection_reason = ?, updated_at = ? where id = ? and status = ?`,
      )
      .bind(status, now, audit.actor, reason, now, id, v.status),
    db
      .prepare(`update performer_profiles set kyc_status = ?, updated_at = ? where user_id = ? and exists (${decided})`)
      .bind(status, now, v.user_id, ...guard),
    guardedAudit(
      db,
      {
        ...audit,
        action: `kyc.${decision.approve ? 'approve' : 'reject'}`,
        objectType: 'kyc_verification',
        objectId: id,
        detail: { ...recordOf(v), performerId: v.user_id, ...(reason ? { reason } : {}) },
      },
      decided,
      guard,
      now,
    ),
  ]);
  if (!changed || changed.meta.changes === 0)
    throw new ApiError(409, 'VERIFICATION_LOCKED', 'Another admin decided this verification first');
  return { status, reviewedAt: new Date(now).toISOString(), reviewedBy: audit.actor };
}
