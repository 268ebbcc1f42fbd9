import type Stripe from 'stripe';
import { constraintViolated } from '../db/constraint.ts';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import { Account } from '../money/accounts.ts';
import { reversalDraft } from '../money/drafts.ts';
import { IdempotencyConflict, InsufficientFunds } from '../money/errors.ts';
import { balanceOf, commit } from '../money/ledger.ts';
import { recordEvent } from './payment-events.ts';
import { findPurchase, findPurchaseByPayment, type PurchaseRow, setStatus } from './purchases.ts';

/**
 * A refund or a dispute takes a purchase back, once: the tokens still in the wallet come out,
 * the part already spent is booked as the buyer's debt (performers keep their tips), and a
 * wallet left in debt is frozen for tipping until an admin settles it.
 */
export type Reversal = {
  kind: 'refund' | 'chargeback';
  paymentId: string | null;
  purchaseId: string | undefined;
  partial: boolean;
};

const ATTEMPTS = 3;

export async function reversePurchase(db: D1Database, event: Stripe.Event, reversal: Reversal): Promise<void> {
  const purchase = await purchaseOf(db, reversal);
  if (!purchase) {
    log('warn', 'reversal_for_unknown_payment', { eventId: event.id, ...reversal });
    await recordEvent(db, event).run();
    return;
  }
  if (purchase.status === 'pending') {
    // Delivered before the payment it reverses; Stripe retries, and by then the credit has landed.
    throw new ApiError(503, 'RETRY_LATER', 'This purchase has not been credited yet; send the event again later', {
      headers: { 'Retry-After': '60' },
    });
  }
  if (purchase.status !== 'paid' || reversal.partial) {
    // Already reversed (a refund, then a dispute of the same charge), never paid, or a partial
    // refund, which Encore does not issue: tokens are taken back whole or not at all.
    if (reversal.partial) log('warn', 'partial_refund_not_booked', { eventId: event.id, purchaseId: purchase.id });
    await recordEvent(db, event).run();
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await commitReversal(db, event, reversal.kind, purchase);
      return;
    } catch (error) {
      // A tip landed between reading the balance and the batch: read it again, a few times,
      // then let Stripe redeliver later rather than hold the request.
      if (error instanceof InsufficientFunds && attempt < ATTEMPTS) continue;
      if (error instanceof InsufficientFunds)
        throw new ApiError(503, 'RETRY_LATER', 'The wallet kept changing while this was booked; send the event again', {
          headers: { 'Retry-After': '5' },
        });
      if (error instanceof IdempotencyConflict || stillPaidGuardFailed(error)) {
        // A concurrent delivery (of this event or the other reversal kind) got there first.
        log('info', 'reversal_already_booked', { eventId: event.id, purchaseId: purchase.id });
        await recordEvent(db, event).run();
        return;
      }
      throw error;
    }
  }
}

async function commitReversal(
  db: D1Database,
  event: Stripe.Event,
  kind: Reversal['kind'],
  purchase: PurchaseRow,
): Promise<void> {
  const walletBalance = await balanceOf(db, Account.wallet(purchase.userId));
  const draft = reversalDraft({
    kind,
    userId: purchase.userId,
    purchaseId: purchase.id,
    tokens: purchase.tokens,
    bonusTokens: purchase.bonusTokens,
    walletBalance,
  });
  const debt = -(draft.entries.find((e) => e.account === Account.debt(purchase.userId))?.amount ?? 0);
  const now = Date.now();
  const result = await commit(db, draft, `${kind}:${purchase.id}`, [
    // Records the event only while the purchase is still paid; otherwise received_at is NULL and
    // the NOT NULL constraint aborts the whole batch, so two reversals of one purchase (a refund
    // and a dispute racing) can never both book. It must run before the status changes below.
    db
      .prepare(
        `insert into payment_events (id, type, received_at)
         values (?, ?, case when (select status from purchases where id = ?) = 'paid' then ? end)`,
      )
      .bind(event.id, event.type, purchase.id, now),
    setStatus(db, purchase.id, kind === 'refund' ? 'refunded' : 'disputed', 'paid'),
    ...(debt > 0
      ? [
          db
            .prepare(
              `insert into wallet_freezes (user_id, reason, created_at) values (?, ?, ?) on conflict (user_id)
                 do nothing`,
            )
            .bind(purchase.userId, `A ${kind} of purchase ${purchase.id} left ${debt} spent tokens unpaid`, now),
        ]
      : []),
  ]);
  if (result.replayed) await recordEvent(db, event).run();
}

function stillPaidGuardFailed(error: unknown): boolean {
  return (
    constraintViolated(error, 'NOT NULL', 'payment_events.received_at') ||
    constraintViolated(error, 'UNIQUE', 'payment_events.id')
  );
}

async function purchaseOf(db: D1Database, reversal: Reversal): Promise<PurchaseRow | null> {
  const byPayment = reversal.paymentId ? await findPurchaseByPayment(db, reversal.paymentId) : null;
  if (byPayment) return byPayment;
  return reversal.purchaseId ? findPurchase(db, reversal.purchaseId) : null;
}
