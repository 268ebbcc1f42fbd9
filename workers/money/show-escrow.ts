import { Account } from './accounts.ts';
import { balanced, type Draft, tipSplit } from './drafts.ts';

/**
 * Paid shows hold their tokens per show (`hold:show:<id>`). Every movement is a `show_minute` transaction
 * (the kind the ledger reserved for shows), told apart by `memo.phase`:
 * - `hold`: a seat's prepaid minute (or the minimum, at start) from the payer's wallet into the show's hold,
 *   keyed by show, payer and minute index, so an alarm run twice or a Room restarted mid-charge pays once;
 * - `settle`: when the seat ends, its used minutes from the hold to the performer at the usual split;
 * - `refund`: its unused minutes back to the payer's wallet.
 * Settle and refund are once per seat (their keys), computed from the minutes the Room recorded as paid.
 */
export const showHold = Account.showHold;

export const showChargeKey = (showId: string, payerId: string, minute: number) => `show:${showId}:${payerId}:${minute}`;
export const showSettleKey = (showId: string, payerId: string) => `show:${showId}:${payerId}:settle`;
export const showRefundKey = (showId: string, payerId: string) => `show:${showId}:${payerId}:refund`;

type Seat = { showId: string; payerId: string; performerId: string; anonymous: boolean };

export function showChargeDraft(s: Seat & { minute: number; minutes: number; amount: number }): Draft {
  return balanced({
    kind: 'show_minute',
    actorId: s.payerId,
    counterpartyId: s.performerId,
    reference: s.showId,
    memo: {
      show: s.showId,
      phase: 'hold',
      minute: s.minute,
      minutes: s.minutes,
      ...(s.anonymous ? { anonymous: true } : {}),
    },
    entries: [
      { account: Account.wallet(s.payerId), amount: -s.amount },
      { account: showHold(s.showId), amount: s.amount },
    ],
  });
}

export function showSettleDraft(s: Seat & { minutes: number; amount: number }, feePercent: number): Draft {
  const split = tipSplit(s.amount, feePercent);
  return balanced({
    kind: 'show_minute',
    actorId: s.payerId,
    counterpartyId: s.performerId,
    reference: s.showId,
    memo: { show: s.showId, phase: 'settle', minutes: s.minutes, ...(s.anonymous ? { anonymous: true } : {}) },
    entries: [
      { account: showHold(s.showId), amount: -s.amount },
      { account: Account.earnings(s.performerId), amount: split.performer },
      { account: Account.fees, amount: split.platform },
    ],
  });
}

export function showRefundDraft(s: Seat & { amount: number }): Draft {
  return balanced({
    kind: 'show_minute',
    actorId: s.payerId,
    counterpartyId: s.performerId,
    reference: s.showId,
    memo: { show: s.showId, phase: 'refund', ...(s.anonymous ? { anonymous: true } : {}) },
    entries: [
      { account: showHold(s.showId), amount: -s.amount },
      { account: Account.wallet(s.payerId), amount: s.amount },
    ],
  });
}

/**
 * What a seat's paid charges come to when it used `used` minutes: each charge covers `minutes` minutes from
 * `minute` at one per-minute price; the used part is settled, the rest refunded.
 */
export function splitCharges(
  charges: readonly { minute: number; minutes: number; amount: number }[],
  used: number,
): { settled: number; refunded: number } {
  let settled = 0;
  let paid = 0;
  for (const c of charges) {
    paid += c.amount;
    const perMinute = c.amount / c.minutes;
    const overlap = Math.max(0, Math.min(c.minute + c.minutes, used) - c.minute);
    settled += perMinute * overlap;
  }
  return { settled, refunded: paid - settled };
}
