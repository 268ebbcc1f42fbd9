import { env, exports } from 'cloudflare:workers';
import { findPack } from '../../workers/money/config.ts';
import { randomHex } from '../../workers/payments/local.ts';
import { type LocalEventType, localEvent } from '../../workers/payments/local-events.ts';
import { findPurchase, type PurchaseRow } from '../../workers/payments/purchases.ts';
import { stripeSignature } from '../../workers/payments/signature.ts';
import { ORIGIN } from '../client.ts';
import { newUser } from '../money/fixtures.ts';

/** A Stripe-shaped event as the webhook receives it; tests bend one field at a time. */
export type TestEvent = ReturnType<typeof localEvent>;

/** A pending purchase of `packId`, as POST /api/wallet/purchases leaves it, for a new user. */
export async function pendingPurchase(packId = 'fan', userId?: string): Promise<PurchaseRow> {
  const pack = findPack(packId);
  if (!pack) throw new Error(`no pack ${packId}`);
  const buyer = userId ?? (await newUser());
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    `insert into purchases (id, user_id, pack_id, tokens, bonus_tokens, amount_cents, currency, provider,
       provider_session_id, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, 'local', ?, 'pending', ?, ?)`,
  )
    .bind(
      id,
      buyer,
      pack.id,
      pack.tokens,
      pack.bonusTokens,
      pack.priceCents,
      pack.currency,
      `cs_test_${randomHex()}`,
      now,
      now,
    )
    .run();
  return (await purchaseRow(id))!;
}

export const purchaseRow = (id: string) => findPurchase(env.DB, id);

/** An event about a purchase; `async_payment_*` are the completed session under another type. */
export function eventFor(
  type: LocalEventType | 'checkout.session.async_payment_succeeded' | 'checkout.session.async_payment_failed',
  purchase: PurchaseRow,
): TestEvent {
  if (type === 'checkout.session.async_payment_succeeded' || type === 'checkout.session.async_payment_failed') {
    const event = localEvent('checkout.session.completed', purchase, ORIGIN);
    const paid = type.endsWith('succeeded');
    return { ...event, type, data: { object: { ...event.data.object, payment_status: paid ? 'paid' : 'unpaid' } } };
  }
  return localEvent(type, purchase, ORIGIN);
}

/** An event of a type Encore does not handle, about nothing of ours. */
export function unrelatedEvent(): TestEvent {
  return {
    id: `evt_${randomHex()}`,
    object: 'event',
    type: 'customer.created',
    data: { object: { id: `cus_${randomHex()}`, object: 'customer' } },
  };
}

/** Posts a body to the webhook route as Stripe would, signed unless told otherwise. */
export async function deliver(
  event: TestEvent | string,
  sign: { secret?: string; timestamp?: number; header?: string | null; body?: string } = {},
): Promise<Response> {
  const body = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
  const header =
    sign.header !== undefined
      ? sign.header
      : await stripeSignature(body, sign.secret ?? env.STRIPE_WEBHOOK_SECRET, sign.timestamp);
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8' });
  if (header !== null) headers.set('Stripe-Signature', header);
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/payments/stripe/webhook`, { method: 'POST', headers, body: sign.body ?? body }),
  );
}

/** Delivers and insists on 200, for scenarios where every delivery should be acknowledged. */
export async function deliverOk(event: TestEvent): Promise<void> {
  const response = await deliver(event);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

/** Everything the webhook could have written, to prove a refused delivery wrote nothing. */
export async function writes(): Promise<string> {
  const tables = ['ledger_transactions', 'ledger_entries', 'account_balances', 'payment_events', 'wallet_freezes'];
  const counts = await env.DB.batch(tables.map((t) => env.DB.prepare(`select count(*) as n from ${t}`)));
  const statuses = await env.DB.prepare(
    'select status, count(*) as n from purchases group by status order by status',
  ).all();
  return JSON.stringify([counts.map((r) => r.results[0]), statuses.results]);
}

/** Fisher–Yates, so each run shuffles differently and the order never matters. */
export function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * Stripe's `account.updated` Connect event for `accountId`, in the shapes Stripe gives a connected
 * account: onboarded and paying out, or disabled until a past-due document arrives.
 */
export function accountUpdated(
  accountId: string,
  state: 'enabled' | 'disabled',
  created = Math.floor(Date.now() / 1000),
): TestEvent {
  const enabled = state === 'enabled';
  const due = enabled ? [] : ['individual.verification.document'];
  return {
    id: `evt_${randomHex()}`,
    object: 'event',
    account: accountId,
    created,
    livemode: false,
    type: 'account.updated',
    data: {
      object: {
        id: accountId,
        object: 'account',
        type: 'express',
        charges_enabled: enabled,
        payouts_enabled: enabled,
        details_submitted: true,
        capabilities: { transfers: enabled ? 'active' : 'inactive' },
        requirements: {
          currently_due: due,
          past_due: due,
          disabled_reason: enabled ? null : 'requirements.past_due',
        },
      },
    },
  };
}
