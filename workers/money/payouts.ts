import { and, desc, eq } from 'drizzle-orm';
import type { Payout, PayoutBlocker } from '../../wire/money.ts';
import { constraintViolated } from '../db/constraint.ts';
import { database } from '../db/index.ts';
import { ledgerTransactions, payouts } from '../db/money-schema.ts';
import { users } from '../db/schema.ts';
import { payoutRequestDraft } from './drafts.ts';
import { IdempotencyConflict, PayoutNotAllowed } from './errors.ts';
import { commit } from './ledger.ts';

/** Monday of the UTC week of `now`, as YYYY-MM-DD: the "once a week" unit of payouts. */
export function payoutWeek(now: number): string {
  const day = new Date(now);
  const mondayOffset = (day.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - mondayOffset))
    .toISOString()
    .slice(0, 10);
}

export const BLOCKER_MESSAGES: Record<PayoutBlocker, string> = {
  KYC_NOT_APPROVED: 'Payouts start once your identity verification is approved',
  ALREADY_THIS_WEEK: 'You have already asked for a payout this week; the next one can be asked for on Monday',
  BELOW_MINIMUM: 'Your payable earnings are below the payout minimum',
  NO_PAYOUT_ACCOUNT: 'Set up your payout account first',
};

export type PayoutState = {
  kycApproved: boolean;
  accountReady: boolean;
  payable: number;
  minimum: number;
  requestedThisWeek: boolean;
};

/** The first reason a payout cannot be asked for now, or null. Pure, so the page and the route agree. */
export function payoutBlocker(s: PayoutState): PayoutBlocker | null {
  if (!s.kycApproved) return 'KYC_NOT_APPROVED';
  if (s.requestedThisWeek) return 'ALREADY_THIS_WEEK';
  if (s.payable < s.minimum) return 'BELOW_MINIMUM';
  if (!s.accountReady) return 'NO_PAYOUT_ACCOUNT';
  return null;
}

export type PayoutRow = typeof payouts.$inferSelect;

export function toPayout(row: Pick<PayoutRow, 'id' | 'amount' | 'status' | 'requestedAt' | 'failureReason'>): Payout {
  return {
    id: row.id,
    amount: row.amount,
    status: row.status,
    requestedAt: new Date(row.requestedAt).toISOString(),
    failureReason: row.failureReason,
  };
}

export async function recentPayouts(db: D1Database, performerId: string): Promise<Payout[]> {
  const rows = await database({ DB: db })
    .select()
    .from(payouts)
    .where(eq(payouts.performerId, performerId))
    .orderBy(desc(payouts.requestedAt))
    .limit(20);
  return rows.map(toPayout);
}

/** Whether the performer already asked for a payout in the week of `now` (payouts are once a week). */
export async function requestedThisWeek(db: D1Database, performerId: string, now = Date.now()): Promise<boolean> {
  const week = payoutWeek(now);
  return (
    (await database({ DB: db }).$count(payouts, and(eq(payouts.performerId, performerId), eq(payouts.week, week)))) > 0
  );
}

/** The payout a request with this idempotency key made, if it landed. */
export async function payoutRequestedWith(db: D1Database, idempotencyKey: string): Promise<PayoutRow | undefined> {
  const [row] = await database({ DB: db })
    .select({ payout: payouts })
    .from(ledgerTransactions)
    .innerJoin(payouts, eq(payouts.id, ledgerTransactions.reference))
    .where(eq(ledgerTransactions.idempotencyKey, idempotencyKey));
  return row?.payout;
}

export type AdminPayoutRow = PayoutRow & { handle: string };

/** Payouts in one status, oldest request first, with the performer's handle (the admin's queue and export). */
export async function payoutsByStatus(
  db: D1Database,
  status: PayoutRow['status'],
  limit?: number,
): Promise<AdminPayoutRow[]> {
  const query = database({ DB: db })
    .select({ payout: payouts, handle: users.handle })
    .from(payouts)
    .innerJoin(users, eq(users.id, payouts.performerId))
    .where(eq(payouts.status, status))
    .orderBy(payouts.requestedAt);
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(({ payout, handle }) => ({ ...payout, handle }));
}

/**
 * Moves `amount` from earnings to the performer's payout hold and records the request, in one
 * batch. The payouts table's UNIQUE (performer, week) makes "once a week" a constraint, so two
 * racing requests cannot both land. Retries with the same key (even arriving together) get the
 * payout the first one made: its id comes from the key, not from the attempt.
 */
export async function requestPayout(
  db: D1Database,
  performerId: string,
  amount: number,
  idempotencyKey: string,
  now = Date.now(),
): Promise<Payout> {
  const landed = () => payoutRequestedWith(db, idempotencyKey);
  const existing = await landed();
  if (existing) return toPayout(existing);
  const id = await payoutIdFor(idempotencyKey);
  const row = db
    .prepare(
      `insert into payouts (id, performer_id, amount, week, status, requested_at, updated_at)
       values (?, ?, ?, ?, 'requested', ?, ?)`,
    )
    .bind(id, performerId, amount, payoutWeek(now), now, now);
  try {
    const { replayed } = await commit(db, payoutRequestDraft({ performerId, payoutId: id, amount }), idempotencyKey, [
      row,
    ]);
    if (replayed) return toPayout((await landed())!);
  } catch (error) {
    // The request body is empty: the amount is this attempt's reading of "payable", which a
    // concurrent retry may have read a moment apart. The same key still means the same request.
    if (error instanceof IdempotencyConflict) {
      const first = await landed();
      if (first) return toPayout(first);
    }
    if (constraintViolated(error, 'UNIQUE', 'payouts.performer_id')) {
      throw new PayoutNotAllowed(BLOCKER_MESSAGES.ALREADY_THIS_WEEK);
    }
    throw error;
  }
  return { id, amount, status: 'requested', requestedAt: new Date(now).toISOString(), failureReason: null };
}

/**
 * A payout id derived from its request's idempotency key (which names the performer): UUID-shaped, stable
 * across retries.
 */
async function payoutIdFor(idempotencyKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(idempotencyKey)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
