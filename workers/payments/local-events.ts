import { exports } from 'cloudflare:workers';
import Stripe from 'stripe';
import { returnUrls } from './index.ts';
import { type LocalOnboarding, randomHex } from './local.ts';
import type { PurchaseRow } from './purchases.ts';
import { stripeSignature } from './signature.ts';

/**
 * The events Stripe would send about a local purchase, in Stripe's own JSON shapes (only the
 * fields Encore or a reader would look at), and their delivery to the real webhook route.
 */
export type LocalEventType =
  | 'checkout.session.completed'
  | 'checkout.session.expired'
  | 'charge.refunded'
  | 'charge.dispute.created';

export type StripeLikeEvent = {
  id: string;
  object: 'event';
  type: string;
  data: { object: Record<string, unknown> };
} & Record<string, unknown>;

const compact = (id: string) => id.replaceAll('-', '');
/** One payment intent and charge per purchase, as Stripe has one per checkout session. */
export const localPaymentId = (purchase: Pick<PurchaseRow, 'id'>) => `pi_local_${compact(purchase.id)}`;
const localChargeId = (purchase: Pick<PurchaseRow, 'id'>) => `ch_local_${compact(purchase.id)}`;
const seconds = () => Math.floor(Date.now() / 1000);

export function localEvent(type: LocalEventType, purchase: PurchaseRow, origin: string): StripeLikeEvent {
  return {
    id: `evt_local_${randomHex()}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: seconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: eventObject(type, purchase, origin) },
  };
}

/**
 * What Stripe sends when onboarding changes a connected account: ready to take transfers (the
 * "transfers fail" choice too; its transfers are refused later), or wanting a document first.
 */
export function localAccountEvent(accountId: string, outcome: LocalOnboarding): StripeLikeEvent {
  const ready = outcome !== 'more';
  return {
    id: `evt_local_${randomHex()}`,
    object: 'event',
    account: accountId,
    api_version: Stripe.API_VERSION,
    created: seconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'account.updated',
    data: {
      object: {
        id: accountId,
        object: 'account',
        type: 'express',
        charges_enabled: ready,
        payouts_enabled: ready,
        details_submitted: true,
        capabilities: { transfers: ready ? 'active' : 'inactive' },
        requirements: {
          currently_due: ready ? [] : ['individual.verification.document'],
          past_due: [],
          disabled_reason: null,
        },
      },
    },
  };
}

function eventObject(type: LocalEventType, purchase: PurchaseRow, origin: string): Record<string, unknown> {
  const metadata = { purchase_id: purchase.id, user_id: purchase.userId };
  const money = { amount: purchase.amountCents, currency: purchase.currency };
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.expired': {
      const paid = type === 'checkout.session.completed';
      return {
        id: purchase.providerSessionId,
        object: 'checkout.session',
        amount_subtotal: purchase.amountCents,
        amount_total: purchase.amountCents,
        currency: purchase.currency,
        client_reference_id: purchase.id,
        created: Math.floor(purchase.createdAt / 1000),
        livemode: false,
        metadata,
        mode: 'payment',
        payment_intent: paid ? localPaymentId(purchase) : null,
        payment_status: paid ? 'paid' : 'unpaid',
        status: paid ? 'complete' : 'expired',
        success_url: returnUrls(origin, purchase.id).successUrl,
        cancel_url: returnUrls(origin, purchase.id).cancelUrl,
        url: null,
      };
    }
    case 'charge.refunded':
      return {
        id: localChargeId(purchase),
        object: 'charge',
        ...money,
        amount_captured: purchase.amountCents,
        amount_refunded: purchase.amountCents,
        captured: true,
        livemode: false,
        metadata,
        paid: true,
        payment_intent: localPaymentId(purchase),
        refunded: true,
        status: 'succeeded',
      };
    case 'charge.dispute.created':
      return {
        id: `dp_local_${compact(purchase.id)}`,
        object: 'dispute',
        ...money,
        charge: localChargeId(purchase),
        created: seconds(),
        livemode: false,
        metadata: {},
        payment_intent: localPaymentId(purchase),
        reason: 'fraudulent',
        status: 'needs_response',
      };
  }
}

/**
 * Delivers an event to this Worker's own webhook route, signed as Stripe signs. It goes through
 * the `exports` loopback (the Worker calling its own default export) rather than a fetch to its
 * origin: the same request path and verification, and it works under `wrangler dev` and inside
 * the vitest pool, where outbound fetches never reach the Worker itself.
 */
export async function deliverLocalEvent(origin: string, secret: string, event: StripeLikeEvent): Promise<Response> {
  // Stripe sends pretty-printed JSON; signatures cover those exact bytes.
  const body = JSON.stringify(event, null, 2);
  return exports.default.fetch(
    new Request(`${origin}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': await stripeSignature(body, secret),
      },
      body,
    }),
  );
}
