import { env } from 'cloudflare:workers';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeSignature } from '../../workers/payments/signature.ts';
import { errorOf } from '../client.ts';
import { walletOf } from '../money/fixtures.ts';
import { deliver, eventFor, pendingPurchase, unrelatedEvent, writes } from './fixtures.ts';

const now = () => Math.floor(Date.now() / 1000);

describe('webhook signatures', () => {
  it('signs exactly as Stripe does: the header matches the SDK’s own for the same body, secret and time', async () => {
    const body = JSON.stringify({ id: 'evt_1', object: 'event' });
    const timestamp = now();
    const sdk = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload: body,
      secret: env.STRIPE_WEBHOOK_SECRET,
      timestamp,
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
    expect(await stripeSignature(body, env.STRIPE_WEBHOOK_SECRET, timestamp)).toBe(sdk);
  });

  it('accepts a correctly signed completion and credits it', async () => {
    const purchase = await pendingPurchase('starter');
    const response = await deliver(eventFor('checkout.session.completed', purchase));
    expect(response.status).toBe(200);
    expect(await walletOf(purchase.userId)).toBe(100);
  });

  it.each<[string, (body: string) => Promise<Parameters<typeof deliver>[1]>]>([
    ['a tampered body', async (body) => ({ body: body.replace('"amount_total": 500', '"amount_total": 50') })],
    ['a signature made with another secret', async () => ({ secret: 'whsec_not_the_real_one' })],
    ['a timestamp older than five minutes', async () => ({ timestamp: now() - 6 * 60 })],
    ['a timestamp an hour in the future', async () => ({ timestamp: now() + 60 * 60 })],
    ['a timestamp six minutes in the future', async () => ({ timestamp: now() + 6 * 60 })],
    ['no Stripe-Signature header', async () => ({ header: null })],
    ['an empty header', async () => ({ header: '' })],
    ['a garbage header', async () => ({ header: 'garbage' })],
    [
      'a header with no v1 signature',
      async (body) => ({ header: (await stripeSignature(body, env.STRIPE_WEBHOOK_SECRET)).replace('v1=', 'v0=') }),
    ],
    [
      'the right signature over another timestamp',
      async (body) => ({
        header: (await stripeSignature(body, env.STRIPE_WEBHOOK_SECRET)).replace(/t=\d+/, `t=${now() - 1}`),
      }),
    ],
  ])('refuses %s with 400 INVALID_SIGNATURE and writes nothing', async (_, bend) => {
    const purchase = await pendingPurchase('fan');
    const event = eventFor('checkout.session.completed', purchase);
    const before = await writes();
    const response = await deliver(event, await bend(JSON.stringify(event, null, 2)));
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'INVALID_SIGNATURE' });
    expect(await writes()).toBe(before);
    expect((await env.DB.prepare('select status from purchases where id = ?').bind(purchase.id).first())?.status).toBe(
      'pending',
    );
  });
});

describe('webhook body size', () => {
  it('takes a signed event bigger than a form body (16 KB), as Stripe sends them', async () => {
    const event = { ...unrelatedEvent(), padding: 'x'.repeat(40_000) };
    expect((await deliver(event)).status).toBe(200);
  });

  it('refuses a body over 256 KB before reading it, and writes nothing', async () => {
    const before = await writes();
    const event = { ...unrelatedEvent(), padding: 'x'.repeat(300_000) };
    expect(await errorOf(await deliver(event))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await writes()).toBe(before);
  });
});
