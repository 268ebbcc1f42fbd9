import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LocalProvider, REFUSES_TRANSFERS } from '../../workers/payments/local.ts';
import { Browser, ORIGIN } from '../client.ts';
import { count, newUser } from '../money/fixtures.ts';

// What the payout routes do with any provider: create the account, keep it, send the performer
// to onboarding, ask whether it is ready, transfer.
const local = () => new LocalProvider(env.DB, ORIGIN);
const urls = { returnUrl: `${ORIGIN}/studio/earnings?onboarded=1`, refreshUrl: `${ORIGIN}/studio/earnings` };

async function keptAccount(): Promise<string> {
  const performer = await newUser('performer');
  const { accountId } = await local().createPayoutAccount();
  await env.DB.prepare(
    `insert into payout_accounts (performer_id, provider, provider_account_id, ready, updated_at)
       values (?, 'local', ?, 0, ?)`,
  )
    .bind(performer, accountId, Date.now())
    .run();
  return accountId;
}

/** Opens the onboarding link and presses one of its buttons; returns where the browser went. */
async function onboard(accountId: string, transfers: 'succeed' | 'fail' | 'more'): Promise<string | null> {
  const browser = new Browser();
  const link = new URL(await local().onboardingUrl(accountId, urls));
  const page = await browser.fetch(`${link.pathname}${link.search}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(accountId);
  const done = await browser.fetch(link.pathname, {
    method: 'POST',
    body: new URLSearchParams({ transfers, return: urls.returnUrl }),
  });
  expect(done.status).toBe(303);
  return done.headers.get('Location');
}

const accountOf = (accountId: string) =>
  env.DB.prepare('select provider_account_id as id, ready from payout_accounts where provider_account_id like ?')
    .bind(`${accountId}%`)
    .first<{ id: string; ready: number }>();

describe('local payouts', () => {
  it('is not ready, and refuses transfers, until onboarding is finished', async () => {
    const accountId = await keptAccount();
    expect(await local().payoutAccountStatus(accountId)).toBe('pending');
    expect(await local().transfer({ payoutId: 'p1', accountId, amountCents: 5000, currency: 'usd' })).toMatchObject({
      ok: false,
    });
  });

  it('finishes onboarding on its page and returns the performer to the studio', async () => {
    const accountId = await keptAccount();
    const events = () => count("select count(*) as n from payment_events where type = 'account.updated'");
    const before = await events();
    expect(await onboard(accountId, 'succeed')).toBe('/studio/earnings?onboarded=1');
    // The page told Encore as Stripe would: one signed account.updated event through the webhook.
    expect(await events()).toBe(before + 1);
    expect(await local().payoutAccountStatus(accountId)).toBe('active');
  });

  it('can stop at onboarding with the provider wanting more information (action needed)', async () => {
    const accountId = await keptAccount();
    await onboard(accountId, 'more');
    expect(await local().payoutAccountStatus(accountId)).toBe('action_needed');
    expect(
      await local().transfer({ payoutId: crypto.randomUUID(), accountId, amountCents: 5000, currency: 'usd' }),
    ).toMatchObject({ ok: false });
  });

  it('transfers once per payout id: the same payout always gets the same transfer', async () => {
    const accountId = await keptAccount();
    await onboard(accountId, 'succeed');
    const payout = { payoutId: crypto.randomUUID(), accountId, amountCents: 5000, currency: 'usd' };
    const first = await local().transfer(payout);
    expect(first).toEqual({ ok: true, transferId: `tr_local_${payout.payoutId}` });
    expect(await local().transfer(payout)).toEqual(first);
    expect(await local().findTransfer(payout.payoutId)).toEqual({ transferId: first.ok ? first.transferId : 'none' });
    expect(await local().findTransfer(crypto.randomUUID())).toBeNull();
  });

  it('can be set up at onboarding to refuse transfers, to try the failed-payout path', async () => {
    const accountId = await keptAccount();
    await onboard(accountId, 'fail');
    const kept = await accountOf(accountId);
    expect(kept).toEqual({ id: `${accountId}${REFUSES_TRANSFERS}`, ready: 1 });
    expect(await local().payoutAccountStatus(kept!.id)).toBe('active');
    const result = await local().transfer({
      payoutId: crypto.randomUUID(),
      accountId: kept!.id,
      amountCents: 5000,
      currency: 'usd',
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('refuse transfers') });
  });

  it('never redirects off the site after onboarding', async () => {
    const accountId = await keptAccount();
    const browser = new Browser();
    const done = await browser.fetch(`/dev/payouts/onboarding/${accountId}`, {
      method: 'POST',
      body: new URLSearchParams({ transfers: 'succeed', return: 'https://evil.example/phish' }),
    });
    expect(done.headers.get('Location')).toBe('/studio');
  });

  it('answers 404 for an onboarding link that matches no account', async () => {
    expect((await new Browser().fetch('/dev/payouts/onboarding/acct_local_nobody')).status).toBe(404);
  });
});
