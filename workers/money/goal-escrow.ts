import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { ledgerEntries, ledgerTransactions } from '../db/money-schema.ts';
import { Account } from './accounts.ts';
import { balanced, type Draft, tipSplit } from './drafts.ts';
import { commit } from './ledger.ts';

/**
 * Escrowed goals. A tip toward one moves the whole amount from the tipper's wallet into the
 * goal's holding account. When the goal is decided, each held tip is settled on its own, keyed
 * by its tip: released to the performer (the same split as a direct tip) if the goal was
 * reached, refunded to its tipper if it was missed. Keys per tip make a settlement that runs
 * twice, or stops halfway and runs again, land each tip's settlement exactly once; the hold's
 * CHECK constraint (never below zero) is the last guard against paying a tip out twice.
 */
export const goalHold = Account.goalHold;

export type HeldTip = { tipId: string; tipperId: string; amount: number };
export type GoalOutcome = 'release' | 'refund';

export function goalReleaseDraft(g: { goalId: string; performerId: string; tip: HeldTip }, feePercent: number): Draft {
  const split = tipSplit(g.tip.amount, feePercent);
  return balanced({
    kind: 'tip',
    actorId: g.tip.tipperId,
    counterpartyId: g.performerId,
    reference: g.goalId,
    memo: { goal: g.goalId, released: g.tip.tipId },
    entries: [
      { account: goalHold(g.goalId), amount: -g.tip.amount },
      { account: Account.earnings(g.performerId), amount: split.performer },
      { account: Account.fees, amount: split.platform },
    ],
  });
}

export function goalRefundDraft(g: { goalId: string; performerId: string; tip: HeldTip }): Draft {
  return balanced({
    kind: 'goal_refund',
    actorId: g.tip.tipperId,
    counterpartyId: g.performerId,
    reference: g.goalId,
    memo: { goal: g.goalId, refunded: g.tip.tipId },
    entries: [
      { account: goalHold(g.goalId), amount: -g.tip.amount },
      { account: Account.wallet(g.tip.tipperId), amount: g.tip.amount },
    ],
  });
}

export const settlementKey = (outcome: GoalOutcome, tipId: string) => `goal:${outcome}:${tipId}`;

/** Every tip that went into the goal's hold, from the ledger itself (the source of truth). */
export async function heldTips(db: D1Database, goalId: string): Promise<HeldTip[]> {
  const rows = await database({ DB: db })
    .select({ tipId: ledgerTransactions.id, tipperId: ledgerTransactions.actorId, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(
      and(eq(ledgerEntries.account, goalHold(goalId)), gt(ledgerEntries.amount, 0), eq(ledgerTransactions.kind, 'tip')),
    )
    .orderBy(ledgerEntries.id);
  // A tip always names its tipper (tipDraft sets actorId).
  return rows.map((r) => ({ ...r, tipperId: r.tipperId! }));
}

/** Settles every held tip not settled yet; returns how many settlements landed now. */
export async function settleGoal(
  db: D1Database,
  g: { goalId: string; performerId: string; outcome: GoalOutcome; feePercent: number },
): Promise<number> {
  const tips = await heldTips(db, g.goalId);
  if (tips.length === 0) return 0;
  const keys = tips.map((t) => settlementKey(g.outcome, t.tipId));
  const settled = await database({ DB: db })
    .select({ key: ledgerTransactions.idempotencyKey })
    .from(ledgerTransactions)
    .where(inArray(ledgerTransactions.idempotencyKey, sql`(select value from json_each(${JSON.stringify(keys)}))`));
  const done = new Set(settled.map((r) => r.key));
  let landed = 0;
  for (const tip of tips) {
    const key = settlementKey(g.outcome, tip.tipId);
    if (done.has(key)) continue;
    const draft =
      g.outcome === 'release' ? goalReleaseDraft({ ...g, tip }, g.feePercent) : goalRefundDraft({ ...g, tip });
    if (!(await commit(db, draft, key)).replayed) landed++;
  }
  return landed;
}
