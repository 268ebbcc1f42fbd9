import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EarningsResponse, PayoutResponse } from '../../wire/money.ts';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import { payoutWeek } from '../../workers/money/payouts.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { errorOf, signedUp } from '../client.ts';
import { earningsBalance, fund, newUser } from './fixtures.ts';

/** Tips are payable at once in these tests (hold 0 days), so payouts can be asked for. */
const NO_HOLD = { EARNINGS_HOLD_DAYS: '0' };

async function payablePerformer(earn: number, options: { kyc?: boolean; account?: boolean } = {}) {
  const performer = await signedUp({ role: 'performer' }, NO_HOLD);
  const id = performer.user.id;
  if (options.kyc !== false)
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?").bind(id).run();
  if (options.account !== false) {
    await env.DB.prepare(
      `insert into payout_accounts (performer_id, provider, provider_account_id, ready, updated_at)
         values (?, 'local', ?, 1, ?)`,
    )
      .bind(id, `acct_${id}`, Date.now())
      .run();
  }
  const fan = await newUser();
  const gross = Math.ceil((earn * 100) / 70);
  await fund(fan, gross);
  const [outcome] = await commitTips(
    env.DB,
    [{ tipperId: fan, performerId: id, amount: gross, idempotencyKey: `tip:${crypto.randomUUID()}` }],
    30,
  );
  expect(outcome?.status).toBe('accepted');
  return { ...performer, earned: await earningsBalance(id) };
}

const requestPayout = (p: Awaited<ReturnType<typeof payablePerformer>>, key?: string) =>
  p.browser.post('/api/studio/payouts', {}, key ? { headers: { 'Idempotency-Key': key } } : {});

describe('payout requests', () => {
  it('moves everything payable into the payout hold and shows the request', async () => {
    const p = await payablePerformer(6000);
    const response = await requestPayout(p);
    expect(response.status).toBe(201);
    const { payout } = (await response.json()) as PayoutResponse;
    expect(payout).toMatchObject({ amount: p.earned, status: 'requested' });
    expect(await earningsBalance(p.user.id)).toBe(0);
    expect(await balanceOf(env.DB, Account.payoutHold(p.user.id))).toBe(p.earned);
    const page = (await (await p.browser.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(page).toMatchObject({
      payable: 0,
      payoutBlocker: 'ALREADY_THIS_WEEK',
      payouts: [{ id: payout.id, status: 'requested' }],
    });
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it.each<[string, { earn: number; kyc?: boolean; account?: boolean }, RegExp]>([
    ['below the minimum', { earn: 4999 }, /below the payout minimum/],
    ['before KYC is approved', { earn: 6000, kyc: false }, /identity verification/],
    ['without a payout account', { earn: 6000, account: false }, /payout account/],
  ])('is refused %s, with the reason, and moves nothing', async (_, setup, reason) => {
    const p = await payablePerformer(setup.earn, setup);
    const error = await errorOf(await requestPayout(p));
    expect(error).toMatchObject({ status: 409, code: 'PAYOUT_NOT_ALLOWED' });
    expect(error.message).toMatch(reason);
    expect(await earningsBalance(p.user.id)).toBe(p.earned);
    expect(
      await env.DB.prepare('select count(*) as n from payouts where performer_id = ?').bind(p.user.id).first('n'),
    ).toBe(0);
  });

  it('is allowed once a week: a second request is refused, a retry of the first is answered with it', async () => {
    const p = await payablePerformer(6000);
    const first = (await (await requestPayout(p, 'click-1-abcdef')).json()) as PayoutResponse;
    const retry = (await (await requestPayout(p, 'click-1-abcdef')).json()) as PayoutResponse;
    expect(retry.payout.id).toBe(first.payout.id);
    const second = await errorOf(await requestPayout(p, 'click-2-abcdef'));
    expect(second).toMatchObject({ status: 409, code: 'PAYOUT_NOT_ALLOWED' });
    expect(
      await env.DB.prepare('select count(*) as n from payouts where performer_id = ?').bind(p.user.id).first('n'),
    ).toBe(1);
  });

  it('answers many retries of one request arriving together with the same payout', async () => {
    const p = await payablePerformer(6000);
    const responses = await Promise.all(Array.from({ length: 8 }, () => requestPayout(p, 'retry-together-abcdef')));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as PayoutResponse).payout.id)));
    expect(ids.size).toBe(1);
    expect(
      await env.DB.prepare('select count(*) as n from payouts where performer_id = ?').bind(p.user.id).first('n'),
    ).toBe(1);
    expect(await balanceOf(env.DB, Account.payoutHold(p.user.id))).toBe(p.earned);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('lets only one of two racing requests land', async () => {
    const p = await payablePerformer(6000);
    const statuses = (await Promise.all([requestPayout(p, 'race-a-abcdef'), requestPayout(p, 'race-b-abcdef')]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([201, 409]);
    expect(await balanceOf(env.DB, Account.payoutHold(p.user.id))).toBe(p.earned);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('counts weeks from Monday, UTC', () => {
    expect(payoutWeek(Date.UTC(2026, 10, 22, 23, 0))).toBe('2026-11-16'); // a Sunday
    expect(payoutWeek(Date.UTC(2026, 10, 23, 0, 0))).toBe('2026-11-23'); // the next Monday
  });
});
