import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Payout, PayoutAccountResponse, PayoutResponse } from '../../wire/money.ts';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { reversalDraft } from '../../workers/money/drafts.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { asAdmin } from '../access-token.ts';
import { Browser, errorOf, signedUp } from '../client.ts';
import { accountUpdated, deliverOk } from '../payments/fixtures.ts';
import { earningsBalance, fund, newUser } from './fixtures.ts';

const NO_HOLD = { EARNINGS_HOLD_DAYS: '0' };

/**
 * A verified performer with earnings, a payout account onboarded on the local provider's page, and a payout
 * request.
 */
async function requestedPayout(transfers: 'succeed' | 'fail') {
  const performer = await signedUp({ role: 'performer' }, NO_HOLD);
  const id = performer.user.id;
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?").bind(id).run();
  const account = (await (
    await performer.browser.post('/api/studio/payout-account', {})
  ).json()) as PayoutAccountResponse;
  expect(account.ready).toBe(false);
  const onboarding = new URL(account.onboardingUrl!);
  const finished = await performer.browser.fetch(onboarding.pathname + onboarding.search, {
    method: 'POST',
    body: new URLSearchParams({ transfers }),
  });
  expect(finished.status).toBe(303);
  expect(await (await performer.browser.post('/api/studio/payout-account', {})).json()).toEqual({
    ready: true,
    status: 'active',
    onboardingUrl: null,
  });

  const fan = await newUser();
  await fund(fan, 10_000);
  await commitTips(
    env.DB,
    [{ tipperId: fan, performerId: id, amount: 10_000, idempotencyKey: `tip:${crypto.randomUUID()}` }],
    30,
  );
  const { payout } = (await (await performer.browser.post('/api/studio/payouts', {})).json()) as PayoutResponse;
  expect(payout).toMatchObject({ amount: 7000, status: 'requested' });
  return { performer, payout };
}

const admin = async (path: string, init: RequestInit & { json?: unknown } = {}) =>
  new Browser().fetch(path, { ...init, headers: { ...(await asAdmin()), ...init.headers } });
const approve = async (ids: string[]) =>
  (await (await admin('/api/admin/payouts/approve', { method: 'POST', json: { ids } })).json()) as {
    payouts: Payout[];
  };

describe('admin payouts', () => {
  it('lists requests, approves a batch, pays it through the provider and books it once', async () => {
    const { performer, payout } = await requestedPayout('succeed');
    const listed = (await (await admin('/api/admin/payouts?status=requested')).json()) as {
      payouts: (Payout & { performerHandle: string })[];
    };
    expect(listed.payouts).toContainEqual(
      expect.objectContaining({ id: payout.id, performerHandle: performer.account.handle }),
    );

    expect((await approve([payout.id])).payouts[0]).toMatchObject({ id: payout.id, status: 'paid' });
    expect((await approve([payout.id])).payouts[0]).toMatchObject({ status: 'paid' });
    expect(await balanceOf(env.DB, Account.payoutHold(performer.user.id))).toBe(0);
    expect(
      await env.DB.prepare("select count(*) as n from ledger_transactions where kind = 'payout_paid' and reference = ?")
        .bind(payout.id)
        .first('n'),
    ).toBe(1);
    expect((await checkLedger(env.DB)).ok).toBe(true);
    // The performer's bell says so, once, however often the approval is repeated.
    expect(await (await performer.browser.fetch('/api/me/notifications')).json()).toMatchObject({
      unread: 1,
      notifications: [{ kind: 'payout', title: 'Your payout was sent' }],
    });
  });

  it('returns the money to earnings when the transfer fails, with the reason', async () => {
    const { performer, payout } = await requestedPayout('fail');
    const [settled] = (await approve([payout.id])).payouts;
    expect(settled).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/refuse/) });
    expect(await (await performer.browser.fetch('/api/me/notifications')).json()).toMatchObject({
      notifications: [{ kind: 'payout', title: 'Your payout failed', body: expect.stringMatching(/refuse/) }],
    });
    expect(await earningsBalance(performer.user.id)).toBe(7000);
    expect(await balanceOf(env.DB, Account.payoutHold(performer.user.id))).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('refuses to approve a payout to an account Stripe disabled, sending nothing', async () => {
    const { performer, payout } = await requestedPayout('succeed');
    const other = await requestedPayout('succeed');
    const { accountId } = (await env.DB.prepare(
      'select provider_account_id as accountId from payout_accounts where performer_id = ?',
    )
      .bind(performer.user.id)
      .first<{ accountId: string }>())!;
    await deliverOk(accountUpdated(accountId, 'disabled'));

    const refused = await admin('/api/admin/payouts/approve', {
      method: 'POST',
      json: { ids: [other.payout.id, payout.id] },
    });
    const error = await errorOf(refused);
    expect(error).toMatchObject({ status: 409, code: 'PAYOUT_NOT_ALLOWED' });
    expect(error.message).toContain(`@${performer.account.handle}`);
    // Nothing was sent for either payout in the batch: both still wait, their money on hold.
    for (const id of [payout.id, other.payout.id]) {
      expect(await env.DB.prepare('select status from payouts where id = ?').bind(id).first('status')).toBe(
        'requested',
      );
      expect(
        await env.DB.prepare('select count(*) as n from local_transfers where payout_id = ?').bind(id).first('n'),
      ).toBe(0);
    }
    expect(await balanceOf(env.DB, Account.payoutHold(performer.user.id))).toBe(7000);

    await deliverOk(accountUpdated(accountId, 'enabled'));
    expect((await approve([payout.id])).payouts[0]).toMatchObject({ id: payout.id, status: 'paid' });
  });

  it('lets an admin mark a payout failed, but never a paid one', async () => {
    const { performer, payout } = await requestedPayout('succeed');
    const failed = await admin(`/api/admin/payouts/${payout.id}/fail`, {
      method: 'POST',
      json: { reason: 'Bank details rejected' },
    });
    const answer = (await failed.json()) as { payout: Payout };
    expect(answer).toMatchObject({ payout: { status: 'failed', failureReason: 'Bank details rejected' } });
    expect(answer.payout).not.toHaveProperty('performerId');
    expect(await earningsBalance(performer.user.id)).toBe(7000);
    // The audit log says whose payout it was, so an admin can find it from the performer.
    const audited = await env.DB.prepare("select detail from audit_log where action = 'payout.fail' and object_id = ?")
      .bind(payout.id)
      .first<{ detail: string }>();
    expect(JSON.parse(audited?.detail ?? '{}')).toMatchObject({
      reason: 'Bank details rejected',
      amount: 7000,
      performerId: performer.user.id,
    });
    // A failed payout cannot then be paid: it settled once already.
    expect((await approve([payout.id])).payouts[0]).toMatchObject({ status: 'failed' });
    expect(await earningsBalance(performer.user.id)).toBe(7000);
  });

  it('shows the performer a failure reason without bidirectional controls', async () => {
    const { performer, payout } = await requestedPayout('succeed');
    const failed = await admin(`/api/admin/payouts/${payout.id}/fail`, {
      method: 'POST',
      json: { reason: 'Bank \u202Edetails\u2066 rejected' },
    });
    expect(await failed.json()).toMatchObject({ payout: { failureReason: 'Bank details rejected' } });
    const mine = (await (await performer.browser.fetch('/api/studio/earnings')).json()) as { payouts: Payout[] };
    expect(mine.payouts.find((p) => p.id === payout.id)?.failureReason).toBe('Bank details rejected');
  });

  it('exports approved payouts as CSV', async () => {
    const { performer, payout } = await requestedPayout('succeed');
    await approve([payout.id]);
    const csv = await admin('/api/admin/payouts.csv?status=paid');
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('payout_id,performer_handle,amount_usd,status,requested_at,approved_by');
    expect(text).toContain(`${payout.id},${performer.account.handle},70.00,paid,`);
  });

  it('reports the ledger check', async () => {
    const report = await (await admin('/api/admin/ledger/check')).json();
    expect(report).toMatchObject({ ok: true, entrySum: 0, driftedBalances: 0, negativeBalances: 0 });
  });

  it('refuses every admin money route without Access', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/payouts'],
      ['POST', '/api/admin/payouts/approve'],
      ['GET', '/api/admin/payouts.csv'],
      ['GET', '/api/admin/ledger/check'],
    ] as const) {
      expect(
        await errorOf(
          await new Browser().fetch(path, { method, ...(method === 'POST' ? { json: { ids: ['x'] } } : {}) }),
        ),
      ).toMatchObject({ status: 401, code: 'ACCESS_DENIED' });
    }
  });
});

describe('settling a frozen wallet', () => {
  it("writes off the buyer's debt once and lets them tip again", async () => {
    const fan = await newUser();
    const performer = await newUser('performer');
    await fund(fan, 500);
    await commitTips(
      env.DB,
      [{ tipperId: fan, performerId: performer, amount: 300, idempotencyKey: `tip:${crypto.randomUUID()}` }],
      30,
    );
    const purchase = (await env.DB.prepare('select id from purchases where user_id = ?')
      .bind(fan)
      .first<{ id: string }>())!;
    const draft = reversalDraft({
      kind: 'chargeback',
      userId: fan,
      purchaseId: purchase.id,
      tokens: 500,
      bonusTokens: 0,
      walletBalance: 200,
    });
    const freeze = env.DB.prepare(
      "insert into wallet_freezes (user_id, reason, created_at) values (?, 'chargeback', ?)",
    ).bind(fan, Date.now());
    await commit(env.DB, draft, `chargeback:${purchase.id}`, [freeze]);
    expect(await balanceOf(env.DB, Account.debt(fan))).toBe(-300);

    const settleDebt = () =>
      admin(`/api/admin/wallets/${fan}/settle`, {
        method: 'POST',
        json: { reason: 'Paid by bank transfer', writeOffDebt: true },
      });
    expect(await (await settleDebt()).json()).toEqual({ debt: 0, frozen: false });
    expect(await (await settleDebt()).json()).toEqual({ debt: 0, frozen: false });
    expect(
      await env.DB.prepare(
        "select count(*) as n from ledger_transactions where kind = 'adjustment' and counterparty_id = ?",
      )
        .bind(fan)
        .first('n'),
    ).toBe(1);
    await fund(fan, 100);
    const [tip] = await commitTips(
      env.DB,
      [{ tipperId: fan, performerId: performer, amount: 50, idempotencyKey: `tip:${crypto.randomUUID()}` }],
      30,
    );
    expect(tip?.status).toBe('accepted');
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
