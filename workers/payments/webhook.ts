import Stripe from 'stripe';
import { ApiError } from '../errors.ts';
import { keepAccountUpdate } from './account-events.ts';
import { creditPurchase, settleWithoutCredit } from './credit.ts';
import { alreadyHandled, idOf } from './payment-events.ts';
import { reversePurchase } from './reversal.ts';

/**
 * Stripe's webhook events, verified and then handled once each. Stripe delivers at least once,
 * in any order, sometimes concurrently; every handler is safe to run again (the ledger's
 * idempotency keys and guarded status updates), and `payment_events` remembers what was done.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const cryptoProvider = Stripe.createSubtleCryptoProvider();

export async function verifiedEvent(
  rawBody: string,
  signature: string | undefined,
  secret: string,
): Promise<Stripe.Event> {
  // An empty secret would make any HMAC keyed with "" verify; refuse to run that way at all.
  if (!secret) throw new Error('STRIPE_WEBHOOK_SECRET is not set');
  if (!signature) throw invalidSignature('The Stripe-Signature header is missing');
  // The SDK bounds only a signature's age, so one dated in the future would stay valid until then
  // (a captured or pre-made event replayable for that long); bound that side too, as tightly.
  const signedAt = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
  if (signedAt > Date.now() / 1000 + SIGNATURE_TOLERANCE_SECONDS)
    throw invalidSignature('The Stripe-Signature header is dated in the future');
  try {
    return await Stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      cryptoProvider,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      throw invalidSignature('The Stripe-Signature header does not match this body, or is too old');
    throw error;
  }
}

function invalidSignature(message: string): ApiError {
  return new ApiError(400, 'INVALID_SIGNATURE', message);
}

export type EventOutcome = 'handled' | 'duplicate' | 'ignored';

export async function handleEvent(db: D1Database, event: Stripe.Event): Promise<EventOutcome> {
  if (await alreadyHandled(db, event.id)) return 'duplicate';
  switch (event.type) {
    case 'checkout.session.completed':
      // Card payments arrive paid; delayed methods (bank debits) arrive unpaid and settle later.
      if (event.data.object.payment_status === 'paid') await creditPurchase(db, event, event.data.object);
      else await settleWithoutCredit(db, event, event.data.object, null);
      return 'handled';
    case 'checkout.session.async_payment_succeeded':
      await creditPurchase(db, event, event.data.object);
      return 'handled';
    case 'checkout.session.async_payment_failed':
      await settleWithoutCredit(db, event, event.data.object, 'failed');
      return 'handled';
    case 'checkout.session.expired':
      await settleWithoutCredit(db, event, event.data.object, 'cancelled');
      return 'handled';
    case 'charge.refunded': {
      const charge = event.data.object;
      await reversePurchase(db, event, {
        kind: 'refund',
        paymentId: idOf(charge.payment_intent),
        purchaseId: charge.metadata?.purchase_id,
        partial: !charge.refunded,
      });
      return 'handled';
    }
    case 'charge.dispute.created':
      await reversePurchase(db, event, {
        kind: 'chargeback',
        paymentId: idOf(event.data.object.payment_intent),
        purchaseId: undefined,
        partial: false,
      });
      return 'handled';
    case 'account.updated':
      return keepAccountUpdate(db, event);
    default:
      return 'ignored';
  }
}
