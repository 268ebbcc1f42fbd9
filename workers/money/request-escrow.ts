import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { ledgerEntries, ledgerTransactions } from '../db/money-schema.ts';
import { Account } from './accounts.ts';
import { balanced, type Draft, tipSplit } from './drafts.ts';
import { commit } from './ledger.ts';

/**
 * Song requests hold their tokens. Each payment toward a request (its price, then each bump) is one
 * `request_hold` transaction from the requester's wallet into `hold:request:<id>`, keyed by the requester's
 * client id. When the request finishes, each payment is settled on its own, keyed by that payment's
 * transaction: released to the performer at the usual split (`request_income`) if it was played, refunded
 * to the requester (`request_refund`) otherwise. The ledger is the record of what was paid, so a settlement
 * that runs twice, stops halfway, or meets a bump that landed late settles each payment exactly once; the
 * hold's CHECK (never below zero) is the last guard.
 */
export const requestHold = Account.requestHold;

export type RequestOutcome = 'release' | 'refund';
export type RequestPayment = { paymentId: string; requesterId: string; amount: number };

export function requestHoldDraft(p: {
  requestId: string;
  requesterId: string;
  performerId: string;
  amount: number;
  /** The requester hid their name: kept so no performer-facing figure names them. */
  anonymous: boolean;
  bump: boolean;
}): Draft {
  return balanced({
    kind: 'request_hold',
    actorId: p.requesterId,
    counterpartyId: p.performerId,
    reference: p.requestId,
    memo: { request: p.requestId, ...(p.bump ? { bump: true } : {}), ...(p.anonymous ? { anonymous: true } : {}) },
    entries: [
      { account: Account.wallet(p.requesterId), amount: -p.amount },
      { account: requestHold(p.requestId), amount: p.amount },
    ],
  });
}

export function requestSettlementDraft(
  s: { requestId: string; performerId: string; outcome: RequestOutcome; payment: RequestPayment },
  feePercent: number,
): Draft {
  const { payment } = s;
  const from = { account: requestHold(s.requestId), amount: -payment.amount };
  const memo = { request: s.requestId, payment: payment.paymentId };
  if (s.outcome === 'refund')
    return balanced({
      kind: 'request_refund',
      actorId: payment.requesterId,
      counterpartyId: s.performerId,
      reference: s.requestId,
      memo,
      entries: [from, { account: Account.wallet(payment.requesterId), amount: payment.amount }],
    });
  const split = tipSplit(payment.amount, feePercent);
  return balanced({
    kind: 'request_income',
    actorId: payment.requesterId,
    counterpartyId: s.performerId,
    reference: s.requestId,
    memo,
    entries: [
      from,
      { account: Account.earnings(s.performerId), amount: split.performer },
      { account: Account.fees, amount: split.platform },
    ],
  });
}

/** A request's first payment and each bump: one attempt per client id, wherever it is retried. */
export const requestPaymentKey = (requesterId: string, clientId: string) => `request:${requesterId}:${clientId}`;
/** One settlement per payment, whichever way it goes: a second outcome for one payment is refused as a conflict. */
export const requestSettlementKey = (paymentId: string) => `request:settle:${paymentId}`;

/** Every payment that went into the request's hold, from the ledger itself. */
export async function requestPayments(db: D1Database, requestId: string): Promise<RequestPayment[]> {
  const rows = await database({ DB: db })
    .select({
      paymentId: ledgerTransactions.id,
      requesterId: ledgerTransactions.actorId,
      amount: ledgerEntries.amount,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(
      and(
        eq(ledgerEntries.account, requestHold(requestId)),
        gt(ledgerEntries.amount, 0),
        eq(ledgerTransactions.kind, 'request_hold'),
      ),
    )
    .orderBy(ledgerEntries.id);
  // A request payment always names its requester (requestHoldDraft sets actorId).
  return rows.map((r) => ({ ...r, requesterId: r.requesterId! }));
}

/**
 * Settles every payment of the request not settled yet; returns the payments settled now and the ids of all
 * payments settled so far (for the leaderboard to take refunds back out).
 */
export async function settleRequest(
  db: D1Database,
  s: { requestId: string; performerId: string; outcome: RequestOutcome; feePercent: number },
): Promise<{ landed: number; payments: string[] }> {
  const payments = await requestPayments(db, s.requestId);
  if (payments.length === 0) return { landed: 0, payments: [] };
  const keys = payments.map((p) => requestSettlementKey(p.paymentId));
  const settled = await database({ DB: db })
    .select({ key: ledgerTransactions.idempotencyKey })
    .from(ledgerTransactions)
    .where(inArray(ledgerTransactions.idempotencyKey, sql`(select value from json_each(${JSON.stringify(keys)}))`));
  const done = new Set(settled.map((r) => r.key));
  let landed = 0;
  for (const payment of payments) {
    const key = requestSettlementKey(payment.paymentId);
    if (done.has(key)) continue;
    const draft = requestSettlementDraft({ ...s, payment }, s.feePercent);
    if (!(await commit(db, draft, key)).replayed) landed++;
  }
  return { landed, payments: payments.map((p) => p.paymentId) };
}
