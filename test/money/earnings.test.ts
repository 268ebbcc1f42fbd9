import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EarningsResponse, HistoryResponse, WalletResponse } from '../../wire/money.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { earningsOf } from '../../workers/money/earnings.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { Browser, errorOf, signedUp } from '../client.ts';
import { fund, newUser } from './fixtures.ts';

const DAY = 86_400_000;

async function tip(tipperId: string, performerId: string, amount: number) {
  const [outcome] = await commitTips(
    env.DB,
    [{ tipperId, performerId, amount, idempotencyKey: `tip:${crypto.randomUUID()}` }],
    30,
  );
  expect(outcome?.status).toBe('accepted');
}

describe('the wallet', () => {
  it('shows the balance and a readable history, newest first, page by page', async () => {
    const { browser, user } = await signedUp();
    const performer = await newUser('performer');
    await fund(user.id, 1000);
    for (const amount of [10, 20, 30]) await tip(user.id, performer, amount);
    expect(await (await browser.fetch('/api/wallet')).json()).toEqual({
      balance: 940,
      frozen: null,
    } satisfies WalletResponse);

    const first = (await (await browser.fetch('/api/wallet/history?limit=2')).json()) as HistoryResponse;
    expect(first.items.map((i) => i.amount)).toEqual([-30, -20]);
    expect(first.items[0]?.description).toMatch(/^Tip to @/);
    const second = (await (
      await browser.fetch(`/api/wallet/history?limit=2&cursor=${first.nextCursor}`)
    ).json()) as HistoryResponse;
    expect(second.items.map((i) => [i.kind, i.amount])).toEqual([
      ['tip', -10],
      ['purchase', 1000],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows no one else's history", async () => {
    const a = await signedUp();
    const b = await signedUp();
    await fund(a.user.id, 500);
    expect(((await (await b.browser.fetch('/api/wallet/history')).json()) as HistoryResponse).items).toEqual([]);
    expect(await (await b.browser.fetch('/api/wallet')).json()).toMatchObject({ balance: 0 });
  });

  it('needs a session', async () => {
    expect(await errorOf(await new Browser().fetch('/api/wallet'))).toMatchObject({ status: 401 });
  });
});

describe('earnings', () => {
  it('adds up today, 7 and 30 days, per day and top tippers, and holds young tips', async () => {
    const performer = await newUser('performer');
    const [big, small] = [await newUser(), await newUser()];
    await fund(big, 1000);
    await fund(small, 100);
    await tip(big, performer, 1000); // earns 700
    await tip(small, performer, 15); // earns 10
    const config = moneyConfig({});
    const now = await earningsOf(env.DB, performer, config);
    expect(now).toMatchObject({ today: 710, last7Days: 710, last30Days: 710, allTime: 710, pending: 710, payable: 0 });
    expect(now.perDay).toHaveLength(30);
    expect(now.perDay.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), tokens: 710 });
    expect(now.topTippers.map((t) => t.tokens)).toEqual([700, 10]);

    const afterHold = await earningsOf(env.DB, performer, config, Date.now() + 8 * DAY);
    expect(afterHold).toMatchObject({ today: 0, last7Days: 0, pending: 0, payable: 710, allTime: 710 });
  });

  it('is for performers only', async () => {
    const { browser } = await signedUp();
    expect(await errorOf(await browser.fetch('/api/studio/earnings'))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('explains why a payout cannot be asked for yet', async () => {
    const { browser, user } = await signedUp({ role: 'performer' });
    const body = (await (await browser.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(body).toMatchObject({
      payable: 0,
      payoutMinimum: 5000,
      holdDays: 7,
      payoutBlocker: 'KYC_NOT_APPROVED',
      payouts: [],
    });
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?").bind(user.id).run();
    expect(((await (await browser.fetch('/api/studio/earnings')).json()) as EarningsResponse).payoutBlocker).toBe(
      'BELOW_MINIMUM',
    );
  });
});
