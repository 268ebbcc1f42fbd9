import type { TransactionKind } from '../db/money-schema.ts';
import { Account } from './accounts.ts';

/**
 * Pure builders for every kind of ledger transaction. Each returns entries that sum to zero
 * (asserted), with no zero amounts; nothing here touches the database.
 */
export type Entry = { account: string; amount: number };

export type Draft = {
  kind: TransactionKind;
  entries: Entry[];
  actorId?: string | null;
  counterpartyId?: string | null;
  reference?: string | null;
  memo?: Record<string, unknown> | null;
};

export function balanced(draft: Draft): Draft {
  const entries = draft.entries.filter((e) => e.amount !== 0);
  const sum = entries.reduce((total, e) => total + e.amount, 0);
  if (sum !== 0 || entries.length < 2 || entries.some((e) => !Number.isSafeInteger(e.amount))) {
    throw new Error(`unbalanced ${draft.kind} transaction: ${JSON.stringify(entries)}`);
  }
  return { ...draft, entries };
}

/** The performer's share rounds down; the platform keeps the remainder. */
export function tipSplit(amount: number, feePercent: number): { performer: number; platform: number } {
  const performer = Math.floor((amount * (100 - feePercent)) / 100);
  return { performer, platform: amount - performer };
}

export function purchaseDraft(p: {
  userId: string;
  purchaseId: string;
  tokens: number;
  bonusTokens: number;
  packName: string;
}): Draft {
  return balanced({
    kind: 'purchase',
    actorId: p.userId,
    reference: p.purchaseId,
    memo: { pack: p.packName, bonus: p.bonusTokens },
    entries: [
      { account: Account.payments, amount: -p.tokens },
      { account: Account.promotions, amount: -p.bonusTokens },
      { account: Account.wallet(p.userId), amount: p.tokens + p.bonusTokens },
    ],
  });
}

export type TipRequest = {
  tipperId: string;
  performerId: string;
  amount: number;
  /** Shown only to the performer when private; kept in the memo either way. */
  note?: string | undefined;
  roomId?: string | undefined;
  menuItem?: string | undefined;
  /** An escrowed goal's holding account: the whole tip waits there instead of reaching earnings. */
  escrow?: string | undefined;
  /** The tipper hid their name: kept in the memo so no performer-facing figure names them. */
  anonymous?: boolean | undefined;
};

export function tipDraft(tip: TipRequest, feePercent: number): Draft {
  const split = tipSplit(tip.amount, feePercent);
  return balanced({
    kind: 'tip',
    actorId: tip.tipperId,
    counterpartyId: tip.performerId,
    reference: tip.roomId ?? null,
    memo: {
      ...(tip.note ? { note: tip.note } : {}),
      ...(tip.menuItem ? { menuItem: tip.menuItem } : {}),
      ...(tip.escrow ? { escrow: tip.escrow } : {}),
      ...(tip.anonymous ? { anonymous: true } : {}),
    },
    entries: tip.escrow
      ? [
          { account: Account.wallet(tip.tipperId), amount: -tip.amount },
          { account: tip.escrow, amount: tip.amount },
        ]
      : [
          { account: Account.wallet(tip.tipperId), amount: -tip.amount },
          { account: Account.earnings(tip.performerId), amount: split.performer },
          { account: Account.fees, amount: split.platform },
        ],
  });
}

/**
 * A refund or chargeback reverses a purchase. Unspent tokens come back out of the wallet; what
 * was already spent becomes the buyer's debt (the platform absorbs it; performers keep tips).
 */
export function reversalDraft(r: {
  kind: 'refund' | 'chargeback';
  userId: string;
  purchaseId: string;
  tokens: number;
  bonusTokens: number;
  walletBalance: number;
}): Draft {
  const total = r.tokens + r.bonusTokens;
  const clawback = Math.min(Math.max(r.walletBalance, 0), total);
  return balanced({
    kind: r.kind,
    actorId: r.userId,
    reference: r.purchaseId,
    memo: { clawedBack: clawback, debt: total - clawback },
    entries: [
      { account: Account.wallet(r.userId), amount: -clawback },
      { account: Account.debt(r.userId), amount: -(total - clawback) },
      { account: Account.payments, amount: r.tokens },
      { account: Account.promotions, amount: r.bonusTokens },
    ],
  });
}

export function payoutRequestDraft(p: { performerId: string; payoutId: string; amount: number }): Draft {
  return balanced({
    kind: 'payout_request',
    actorId: p.performerId,
    reference: p.payoutId,
    entries: [
      { account: Account.earnings(p.performerId), amount: -p.amount },
      { account: Account.payoutHold(p.performerId), amount: p.amount },
    ],
  });
}

export function payoutSettledDraft(p: {
  performerId: string;
  payoutId: string;
  amount: number;
  paid: boolean;
  reason?: string;
}): Draft {
  return balanced({
    kind: p.paid ? 'payout_paid' : 'payout_failed',
    actorId: p.performerId,
    reference: p.payoutId,
    memo: p.reason ? { reason: p.reason } : null,
    entries: [
      { account: Account.payoutHold(p.performerId), amount: -p.amount },
      { account: p.paid ? Account.payouts : Account.earnings(p.performerId), amount: p.amount },
    ],
  });
}

/** An admin writes off a buyer's debt (what a refund or chargeback left unpaid); the platform absorbs it. */
export function debtWriteOffDraft(w: { userId: string; amount: number; adminEmail: string; reason: string }): Draft {
  return balanced({
    kind: 'adjustment',
    actorId: w.adminEmail,
    counterpartyId: w.userId,
    memo: { reason: w.reason, writeOff: w.amount },
    entries: [
      { account: Account.debt(w.userId), amount: w.amount },
      { account: Account.promotions, amount: -w.amount },
    ],
  });
}
