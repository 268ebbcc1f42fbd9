import type Stripe from 'stripe';
import type { PurchaseStatus } from '../../wire/money.ts';
import { log } from '../log.ts';
import { purchaseDraft } from '../money/drafts.ts';
import { IdempotencyConflict } from '../money/errors.ts';
import { commit } from '../money/ledger.ts';
import { idOf, recordEvent } from './payment-events.ts';
import { findPurchase, type PurchaseRow, packName, setStatus } from './purchases.ts';

/**
 * A paid checkout credits its pack exactly once: the ledger commit's idempotency key is the
 * purchase id, and the purchase row turns paid and the event is recorded in the same batch.
 * A second delivery (or the other "paid" event for the same session) replays the commit and
 * writes nothing new.
 */
export async function creditPurchase(
  db: D1Database,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<void> {
  const purchase = await purchaseFor(db, event, session);
  if (!purchase) return;
  const paymentId = idOf(session.payment_intent);
  const draft = purchaseDraft({
    userId: purchase.userId,
    purchaseId: purchase.id,
    tokens: purchase.tokens,
    bonusTokens: purchase.bonusTokens,
    packName: packName(purchase),
  });
  try {
    const result = await commit(db, draft, `purchase:${purchase.id}`, [
      db
        .prepare(
          `update purchases set status = 'paid', provider_payment_id = coalesce(?, provider_payment_id), updated_at = ?
            where id = ? and status in ('pending', 'cancelled', 'failed')`,
        )
        .bind(paymentId, Date.now(), purchase.id),
      recordEvent(db, event),
    ]);
    if (result.replayed) await recordEvent(db, event).run();
  } catch (error) {
    // The key is this purchase's: whoever holds it already credited it (under an older pack name).
    if (!(error instanceof IdempotencyConflict)) throw error;
    log('warn', 'purchase_already_credited', { purchaseId: purchase.id, eventId: event.id });
    await recordEvent(db, event).run();
  }
}

/** A session that ended without money (expired, declined, failed) or is still waiting for it. */
export async function settleWithoutCredit(
  db: D1Database,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
  status: PurchaseStatus | null,
): Promise<void> {
  const purchase = await purchaseFor(db, event, session);
  if (!purchase) return;
  const paymentId = idOf(session.payment_intent);
  await db.batch([
    ...(status ? [setStatus(db, purchase.id, status, 'pending')] : []),
    // Kept early so a refund or dispute of a delayed payment can find its purchase.
    db
      .prepare('update purchases set provider_payment_id = coalesce(provider_payment_id, ?) where id = ?')
      .bind(paymentId, purchase.id),
    recordEvent(db, event),
  ]);
}

/**
 * The purchase a session was opened for, checked against what Stripe says was charged. A session
 * that is not ours, or whose amount differs, is recorded and logged, never credited.
 */
async function purchaseFor(
  db: D1Database,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<PurchaseRow | undefined> {
  const purchaseId = session.metadata?.purchase_id ?? session.client_reference_id;
  const purchase = purchaseId ? await findPurchase(db, purchaseId) : null;
  const problem = !purchase
    ? 'no purchase with this id'
    : purchase.providerSessionId !== null && purchase.providerSessionId !== session.id
      ? 'the session is not the one opened for this purchase'
      : session.amount_total !== purchase.amountCents || session.currency !== purchase.currency
        ? `charged ${session.amount_total} ${session.currency}, expected ${purchase.amountCents} ${purchase.currency}`
        : null;
  if (!purchase || problem) {
    log('error', 'checkout_session_refused', { eventId: event.id, sessionId: session.id, purchaseId, problem });
    await recordEvent(db, event).run();
    return undefined;
  }
  return purchase;
}
