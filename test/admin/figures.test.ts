import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../wire/admin-figures.ts';
import { goalHold, settleGoal } from '../../workers/money/goal-escrow.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { errorOf } from '../client.ts';
import { fund, newUser } from '../money/fixtures.ts';
import { asAdminFetch } from './fixtures.ts';

const figures = async (days = 14) => (await (await asAdminFetch(`/api/admin/figures?days=${days}`)).json()) as Figures;

describe('platform figures', () => {
  it('count today’s tips, fees, purchases and sign-ups, and put them on today’s point of the series', async () => {
    const before = await figures();
    const fan = await newUser();
    const performer = await newUser('performer');
    await fund(fan, 1_000);
    await commitTips(
      env.DB,
      [{ tipperId: fan, performerId: performer, amount: 400, idempotencyKey: `tip:${crypto.randomUUID()}` }],
      30,
    );
    const after = await figures();
    expect(after.today).toEqual({
      tips: before.today.tips + 1,
      tipTokens: before.today.tipTokens + 400,
      purchases: before.today.purchases + 1,
      purchaseCents: before.today.purchaseCents + 1_000,
      feeTokens: before.today.feeTokens + 120,
      signups: before.today.signups + 2,
      fanClubCharges: before.today.fanClubCharges,
      fanClubTokens: before.today.fanClubTokens,
    });
    expect(after.series.days).toHaveLength(14);
    expect(after.series.tipTokens.at(-1)).toBe(after.today.tipTokens);
    expect(after.series.feeTokens.at(-1)).toBe(after.today.feeTokens);
    expect(after.series.days.at(-1)! * 1000).toBe(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  });

  it('count a goal tip as paid once released, never once refunded: fees are the platform share of tips', async () => {
    const fan = await newUser();
    const performer = await newUser('performer');
    await fund(fan, 1_000);
    const before = await figures();
    const [released, refunded] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const goalId of [released, refunded]) {
      await commitTips(
        env.DB,
        [
          {
            tipperId: fan,
            performerId: performer,
            amount: 200,
            idempotencyKey: `tip:${crypto.randomUUID()}`,
            escrow: goalHold(goalId),
          },
        ],
        30,
      );
    }
    // Held: not paid yet.
    expect((await figures()).today.tipTokens).toBe(before.today.tipTokens);
    await settleGoal(env.DB, { goalId: released, performerId: performer, outcome: 'release', feePercent: 30 });
    await settleGoal(env.DB, { goalId: refunded, performerId: performer, outcome: 'refund', feePercent: 30 });
    const after = await figures();
    expect(after.today.tips - before.today.tips).toBe(1);
    expect(after.today.tipTokens - before.today.tipTokens).toBe(200);
    expect(after.today.feeTokens - before.today.feeTokens).toBe(60);
  });

  it('offers 14 or 30 days only', async () => {
    expect((await figures(30)).series.signups).toHaveLength(30);
    expect(await errorOf(await asAdminFetch('/api/admin/figures?days=365'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});
