import { describe, expect, it } from 'vitest';
import type { Figures } from '../../wire/admin-figures.ts';
import type { EarningsResponse } from '../../wire/money.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { joined, performerWithClub, viewerWith } from './fixtures.ts';

const figures = async () => (await (await asAdminFetch('/api/admin/figures?days=14')).json()) as Figures;

describe('fan-club income', () => {
  it('is its own line on the earnings page, counts in the totals but not among the top tippers', async () => {
    const performer = await performerWithClub({ priceTokens: 200 });
    const member = await viewerWith(1000);
    await joined(member, performer.handle);
    const earnings = (await (await performer.browser.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(earnings).toMatchObject({ fanClubLast30Days: 140, fanClubAllTime: 140, allTime: 140, today: 140 });
    expect(earnings.topTippers).toEqual([]);
  });

  it('is counted by the admin figures, today and on today’s point of the series', async () => {
    const before = await figures();
    const performer = await performerWithClub({ priceTokens: 300 });
    await joined(await viewerWith(1000), performer.handle);
    const after = await figures();
    expect(after.today.fanClubCharges).toBe(before.today.fanClubCharges + 1);
    expect(after.today.fanClubTokens).toBe(before.today.fanClubTokens + 300);
    expect(after.today.feeTokens).toBe(before.today.feeTokens + 90);
    expect(after.series.fanClubTokens.at(-1)).toBe(after.today.fanClubTokens);
  });
});
