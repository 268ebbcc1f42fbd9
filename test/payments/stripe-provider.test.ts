import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../workers/index.ts';
import { paymentProvider } from '../../workers/payments/index.ts';
import { StripeProvider } from '../../workers/payments/stripe.ts';
import { type Browser, errorOf, ORIGIN, signedUp } from '../client.ts';
import { newUser } from '../money/fixtures.ts';
import { deliverOk, eventFor, purchaseRow } from './fixtures.ts';

// The production Stripe code, unchanged, talking to the stand-in at STRIPE_API_URL.
const stripeEnv: Env = { ...env, STRIPE_SECRET_KEY: 'sk_test_encore' };
const stripe = () => new StripeProvider(stripeEnv);

type Recorded = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: { [field: string]: unknown; metadata?: Record<string, unknown> };
};

async function sentToStripe(path: string): Promise<Recorded[]> {
  const all = (await (await fetch(`${env.STRIPE_API_URL}/_stand-in/requests`)).json()) as Recorded[];
  return all.filter((r) => r.path === path);
}

/** The signed-in browser's request, served by the Worker with a Stripe key set. */
async function withStripe(
  browser: Browser,
  path: string,
  json: unknown,
  overrides: Partial<Env> = {},
): Promise<Response> {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const headers = { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/json' };
  return app.request(
    `${ORIGIN}${path}`,
    { method: 'POST', headers, body: JSON.stringify(json) },
    { ...stripeEnv, ...overrides },
  );
}

describe('the Stripe provider', () => {
  it('is chosen when a secret key is set, and the local one otherwise', () => {
    expect(paymentProvider(stripeEnv, ORIGIN).name).toBe('stripe');
    expect(paymentProvider(env, ORIGIN).name).toBe('local');
  });

  it('refuses to fall back to the local provider in production', () => {
    expect(() => paymentProvider({ ...env, ENVIRONMENT: 'production' }, ORIGIN)).toThrow(/STRIPE_SECRET_KEY/);
  });

  it('opens a Checkout Session that carries the purchase id and the pack price', async () => {
    const { browser } = await signedUp();
    const response = await withStripe(browser, '/api/wallet/purchases', { packId: 'superfan' });
    expect(response.status).toBe(201);
    const { purchase, checkoutUrl } = (await response.json()) as { purchase: { id: string }; checkoutUrl: string };
    expect(checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const [sent] = (await sentToStripe('/v1/checkout/sessions')).filter(
      (r) => r.body.client_reference_id === purchase.id,
    );
    expect(sent?.idempotencyKey).toBe(`checkout:${purchase.id}`);
    expect(sent?.body).toMatchObject({
      mode: 'payment',
      client_reference_id: purchase.id,
      metadata: { purchase_id: purchase.id },
      payment_intent_data: { metadata: { purchase_id: purchase.id } },
      success_url: `${ORIGIN}/wallet/return?purchase=${purchase.id}`,
      cancel_url: `${ORIGIN}/wallet/return?purchase=${purchase.id}&cancelled=1`,
      line_items: [
        {
          quantity: '1',
          price_data: { currency: 'usd', unit_amount: '1000', product_data: { name: 'Superfan · 1,150 tokens' } },
        },
      ],
    });
    const row = await purchaseRow(purchase.id);
    expect(row).toMatchObject({ provider: 'stripe', status: 'pending', amountCents: 1000 });
    expect(row?.providerSessionId).toMatch(/^cs_test_/);
  });

  it('credits a Stripe checkout when its signed completion arrives', async () => {
    const { browser } = await signedUp();
    const { purchase } = (await (await withStripe(browser, '/api/wallet/purchases', { packId: 'starter' })).json()) as {
      purchase: { id: string };
    };
    await deliverOk(eventFor('checkout.session.completed', (await purchaseRow(purchase.id))!));
    expect((await purchaseRow(purchase.id))?.status).toBe('paid');
  });

  it('answers 502 and marks the purchase failed when Stripe refuses the request', async () => {
    const { browser, user } = await signedUp();
    const response = await withStripe(
      browser,
      '/api/wallet/purchases',
      { packId: 'fan' },
      { STRIPE_SECRET_KEY: 'not-a-key' },
    );
    expect(await errorOf(response)).toMatchObject({ status: 502, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    const row = await env.DB.prepare('select status from purchases where user_id = ?')
      .bind(user.id)
      .first<{ status: string }>();
    expect(row?.status).toBe('failed');
  });
});

describe('Stripe Connect payouts', () => {
  async function onboardedAccount(): Promise<string> {
    const { accountId } = await stripe().createPayoutAccount({
      id: await newUser('performer'),
      email: 'star@example.com',
    });
    await fetch(`${env.STRIPE_API_URL}/_stand-in/accounts/${accountId}/onboarded`, { method: 'POST' });
    return accountId;
  }

  it('creates an Express account that asks for transfers, and links to its onboarding', async () => {
    const performer = await newUser('performer');
    const { accountId } = await stripe().createPayoutAccount({ id: performer, email: 'star@example.com' });
    expect(accountId).toMatch(/^acct_/);
    const [sent] = (await sentToStripe('/v1/accounts')).filter((r) => r.body.metadata?.performer_id === performer);
    expect(sent?.body).toMatchObject({
      type: 'express',
      email: 'star@example.com',
      capabilities: { transfers: { requested: 'true' } },
    });

    const url = await stripe().onboardingUrl(accountId, {
      returnUrl: `${ORIGIN}/studio/earnings`,
      refreshUrl: `${ORIGIN}/studio/earnings?again=1`,
    });
    expect(url).toMatch(new RegExp(`^https://connect\\.stripe\\.test/setup/e/${accountId}/`));
    const [link] = (await sentToStripe('/v1/account_links')).filter((r) => r.body.account === accountId);
    expect(link?.body).toMatchObject({ type: 'account_onboarding', return_url: `${ORIGIN}/studio/earnings` });
  });

  it('reports an account pending until Stripe has enabled its payouts, then active', async () => {
    const { accountId } = await stripe().createPayoutAccount({
      id: await newUser('performer'),
      email: 'new@example.com',
    });
    expect(await stripe().payoutAccountStatus(accountId)).toBe('pending');
    await fetch(`${env.STRIPE_API_URL}/_stand-in/accounts/${accountId}/onboarded`, { method: 'POST' });
    expect(await stripe().payoutAccountStatus(accountId)).toBe('active');
  });

  it('reports action needed when Stripe wants more from a performer who submitted their details', async () => {
    const accountId = await onboardedAccount();
    await fetch(`${env.STRIPE_API_URL}/_stand-in/accounts/${accountId}/restricted`, { method: 'POST' });
    expect(await stripe().payoutAccountStatus(accountId)).toBe('action_needed');
  });

  it('transfers once per payout id, however often it is asked', async () => {
    const accountId = await onboardedAccount();
    const payout = { payoutId: crypto.randomUUID(), accountId, amountCents: 5000, currency: 'usd' };
    const first = await stripe().transfer(payout);
    const again = await stripe().transfer(payout);
    expect(first).toMatchObject({ ok: true, transferId: expect.stringMatching(/^tr_/) });
    expect(again).toEqual(first);
    const sent = (await sentToStripe('/v1/transfers')).filter((r) => r.idempotencyKey === `payout:${payout.payoutId}`);
    expect(sent[0]?.body).toMatchObject({
      amount: '5000',
      currency: 'usd',
      destination: accountId,
      metadata: { payout_id: payout.payoutId },
    });
  });

  it('finds the transfer made for a payout, and none for a payout never sent, for reconciliation', async () => {
    const accountId = await onboardedAccount();
    const payoutId = crypto.randomUUID();
    expect(await stripe().findTransfer(payoutId)).toBeNull();
    const made = await stripe().transfer({ payoutId, accountId, amountCents: 5000, currency: 'usd' });
    expect(await stripe().findTransfer(payoutId)).toEqual({ transferId: made.ok ? made.transferId : 'none' });
  });

  it('reports a transfer Stripe refuses as failed, with Stripe’s reason', async () => {
    const { accountId } = await stripe().createPayoutAccount({
      id: await newUser('performer'),
      email: 'half@example.com',
    });
    const notOnboarded = await stripe().transfer({
      payoutId: crypto.randomUUID(),
      accountId,
      amountCents: 5000,
      currency: 'usd',
    });
    expect(notOnboarded).toMatchObject({ ok: false, reason: expect.stringMatching(/capabilities/) });
    const unknown = await stripe().transfer({
      payoutId: crypto.randomUUID(),
      accountId: 'acct_nobody',
      amountCents: 5000,
      currency: 'usd',
    });
    expect(unknown).toMatchObject({ ok: false, reason: expect.stringMatching(/No such destination/) });
  });

  it('throws when the outcome of a transfer is unknown, so the payout waits for reconciliation', async () => {
    const outage = stripe().transfer({
      payoutId: crypto.randomUUID(),
      accountId: 'acct_stand_in_outage',
      amountCents: 5000,
      currency: 'usd',
    });
    await expect(outage).rejects.toThrow();
  });
});
