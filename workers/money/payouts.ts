import type { Payout, PayoutBlocker } from '../../wire/money.ts';
import { ApiError } from '../errors.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { payoutRequestDraft, payoutSettledDraft } from './drafts.ts';
import { commit, IdempotencyConflict } from './ledger.ts';

/** Monday of the UTC week of `now`, as YYYY-MM-DD: the "once a week" unit of payouts. */
export function payoutWeek(now: number): string {
  const day = new Date(now);
  const mondayOffset = (day.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - mondayOffset)).toISOString().slice(0, 10);
}

export const BLOCKER_MESSAGES: Record<PayoutBlocker, string> = {
  KYC_NOT_APPROVED: 'Payouts start once your identity verification is approved',
  ALREADY_THIS_WEEK: 'You have already asked for a payout this week; the next one can be asked for on Monday',
  BELOW_MINIMUM: 'Your payable earnings are below the payout minimum',
  NO_PAYOUT_ACCOUNT: 'Set up your payout account first',
};

export type PayoutState = { kycApproved: boolean; accountReady: boolean; payable: number; minimum: number; requestedThisWeek: boolean };

/** The first reason a payout cannot be asked for now, or null. Pure, so the page and the route agree. */
export function payoutBlocker(s: PayoutState): PayoutBlocker | null {
  if (!s.kycApproved) return 'KYC_NOT_APPROVED';
  if (s.requestedThisWeek) return 'ALREADY_THIS_WEEK';
  if (s.payable < s.minimum) return 'BELOW_MINIMUM';
  if (!s.accountReady) return 'NO_PAYOUT_ACCOUNT';
  return null;
}

type PayoutRow = { id: string; amount: number; status: Payout['status']; requested_at: number; failure_reason: string | null };

export function toPayout(row: PayoutRow): Payout {
  return { id: row.id, amount: row.amount, status: row.status, requestedAt: new Date(row.requested_at).toISOString(), failureReason: row.failure_reason };
}

export async function recentPayouts(db: D1Database, performerId: string): Promise<Payout[]> {
  const { results } = await db
    .prepare('select id, amount, status, requested_at, failure_reason from payouts where performer_id = ? order by requested_at desc limit 20')
    .bind(performerId)
    .all<PayoutRow>();
  return results.map(toPayout);
}

/**
 * Moves `amount` from earnings to the performer's payout hold and records the request, in one
 * batch. The payouts table's UNIQUE (performer, week) makes "once a week" a constraint, so two
 * racing requests cannot both land. Retries with the same key (even arriving together) get the
 * payout the first one made: its id comes from the key, not from the attempt.
 */
export async function requestPayout(db: D1Database, performerId: string, amount: number, idempotencyKey: string, now = Date.now()): Promise<Payout> {
  const landed = async () =>
    db
      .prepare('select p.id, p.amount, p.status, p.requested_at, p.failure_reason from ledger_transactions t join payouts p on p.id = t.reference where t.idempotency_key = ?')
      .bind(idempotencyKey)
      .first<PayoutRow>();
  const existing = await landed();
  if (existing) return toPayout(existing);
  const id = await payoutIdFor(idempotencyKey);
  const row = db
    .prepare("insert into payouts (id, performer_id, amount, week, status, requested_at, updated_at) values (?, ?, ?, ?, 'requested', ?, ?)")
    .bind(id, performerId, amount, payoutWeek(now), now, now);
  try {
    const { replayed } = await commit(db, payoutRequestDraft({ performerId, payoutId: id, amount }), idempotencyKey, [row]);
    if (replayed) return toPayout((await landed())!);
  } catch (error) {
    // The request body is empty: the amount is this attempt's reading of "payable", which a
    // concurrent retry may have read a moment apart. The same key still means the same request.
    if (error instanceof IdempotencyConflict) {
      const first = await landed();
      if (first) return toPayout(first);
    }
    if (String((error as Error).message).includes('payouts.performer_id')) {
      throw new ApiError(409, 'PAYOUT_NOT_ALLOWED', BLOCKER_MESSAGES.ALREADY_THIS_WEEK);
    }
    throw error;
  }
  return { id, amount, status: 'requested', requestedAt: new Date(now).toISOString(), failureReason: null };
}

/** A payout id derived from its request's idempotency key (which names the performer): UUID-shaped, stable across retries. */
async function payoutIdFor(idempotencyKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(idempotencyKey)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Pays an approved payout through the provider, then books the result once: paid moves the hold
 * to external:payouts; failed returns it to earnings. Safe to run twice: the transfer is
 * idempotent by payout id at the provider, and each booking by its key.
 */
export async function settlePayout(db: D1Database, provider: PaymentProvider, payoutId: string, adminEmail: string): Promise<Payout> {
  const payout = await db
    .prepare(
      `select p.id, p.performer_id, p.amount, p.status, p.requested_at, p.failure_reason, a.provider_account_id
         from payouts p left join payout_accounts a on a.performer_id = p.performer_id and a.ready = 1 where p.id = ?`,
    )
    .bind(payoutId)
    .first<PayoutRow & { performer_id: string; provider_account_id: string | null }>();
  if (!payout) throw new ApiError(404, 'NOT_FOUND', `No payout ${payoutId}`);
  if (payout.status === 'paid' || payout.status === 'failed') return toPayout(payout);
  const now = Date.now();
  await db.prepare("update payouts set status = 'approved', approved_by = ?, updated_at = ? where id = ? and status = 'requested'").bind(adminEmail, now, payoutId).run();
  const result = payout.provider_account_id
    ? await provider.transfer({ payoutId, accountId: payout.provider_account_id, amountCents: payout.amount, currency: 'usd' })
    : ({ ok: false, reason: 'The performer has no ready payout account' } as const);
  return finishPayout(db, { id: payoutId, performerId: payout.performer_id, amount: payout.amount, requestedAt: payout.requested_at }, result.ok ? { paid: true, transferId: result.transferId } : { paid: false, reason: result.reason });
}

/** Books a payout's outcome exactly once (also used by an admin marking a payout failed). */
export async function finishPayout(
  db: D1Database,
  p: { id: string; performerId: string; amount: number; requestedAt: number },
  outcome: { paid: true; transferId: string } | { paid: false; reason: string },
): Promise<Payout> {
  const now = Date.now();
  const status = outcome.paid ? 'paid' : 'failed';
  const reason = outcome.paid ? null : outcome.reason;
  const update = db
    .prepare("update payouts set status = ?, provider_transfer_id = ?, failure_reason = ?, updated_at = ? where id = ? and status in ('requested', 'approved')")
    .bind(status, outcome.paid ? outcome.transferId : null, reason, now, p.id);
  const draft = payoutSettledDraft({ performerId: p.performerId, payoutId: p.id, amount: p.amount, paid: outcome.paid, ...(reason ? { reason } : {}) });
  // One key per payout for either outcome: a payout settles once, paid or failed, never both.
  await commit(db, draft, `payout-settled:${p.id}`, [update]);
  const row = await db.prepare('select id, amount, status, requested_at, failure_reason from payouts where id = ?').bind(p.id).first<PayoutRow>();
  return toPayout(row!);
}
