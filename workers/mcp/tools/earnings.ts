import { z } from 'zod';
import { ApiError } from '../../errors.ts';
import { moneyConfig } from '../../money/config.ts';
import { earningsOf, readTopTippers, topTippersQuery } from '../../money/earnings.ts';
import { defaultWindow, EarningsPeriod, earningsSeries, SERIES_MAX_PERIODS } from '../../money/earnings-series.ts';
import { payoutPicture } from '../../money/payout-request.ts';
import { recentPayouts } from '../../money/payouts.ts';
import type { McpCaller } from '../scopes.ts';
import { READ, tool } from '../tool.ts';

const DAY = 86_400_000;
const PERIOD_DAYS = { day: 1, week: 7, month: 31 } as const;

/** The earnings page's figures, less the payout side: also the encore://earnings/summary resource. */
export async function earningsSummary(env: Env, caller: McpCaller) {
  const {
    balance: _balance,
    perDay: _perDay,
    ...figures
  } = await earningsOf(env.DB, caller.performer.userId, moneyConfig(env));
  return { ...figures, holdDays: moneyConfig(env).holdDays, unit: 'tokens (1 token = 1 US cent)' };
}

const Day = z.iso.date().describe('A UTC day, YYYY-MM-DD');

/** Earnings: the same ledger queries as the studio's earnings page; anonymous tippers never named. */
export const earningsTools = [
  tool({
    name: 'earnings_summary',
    scope: 'earnings:read',
    title: 'Earnings summary',
    description:
      'Your earned tokens (your share after the platform fee): today, last 7 and 30 days, all time, pending ' +
      '(still in the hold period) and payable, with your top 5 named tippers of the last 30 days.',
    input: z.object({}),
    hints: READ,
    run: ({ env, caller }) => earningsSummary(env, caller),
  }),
  tool({
    name: 'earnings_series',
    scope: 'earnings:read',
    title: 'Earnings by period and kind',
    description:
      'Earned tokens per day, week (starting Monday) or month, split by kind: tips, menu_tips, goal_tips ' +
      '(released from an escrowed goal), shows. UTC. Without from/to: the last 30 days, 12 weeks or 12 months.',
    input: z.object({ by: EarningsPeriod.default('day'), from: Day.optional(), to: Day.optional() }),
    hints: READ,
    run: async ({ env, caller }, { by, from, to }) => {
      const window = defaultWindow(by, Date.now());
      const start = from ? Date.parse(from) : window.from;
      const end = to ? Date.parse(to) + DAY : window.to;
      if (end <= start) throw new ApiError(400, 'VALIDATION_FAILED', 'to: must not be before from');
      if (end - start > SERIES_MAX_PERIODS * PERIOD_DAYS[by] * DAY)
        throw new ApiError(400, 'VALIDATION_FAILED', `At most ${SERIES_MAX_PERIODS} periods at once`);
      const points = await earningsSeries(env.DB, caller.performer.userId, { by, from: start, to: end });
      return { by, from: new Date(start).toISOString(), to: new Date(end).toISOString(), points };
    },
  }),
  tool({
    name: 'earnings_top_tippers',
    scope: 'earnings:read',
    title: 'Top tippers',
    description:
      'Your biggest tippers over the last `days` days by tokens earned. Anyone who tipped anonymously is never ' +
      'named (their tips count in your totals only).',
    input: z.object({
      days: z.number().int().min(1).max(365).default(30),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    hints: READ,
    run: async ({ env, caller }, { days, limit }) => {
      const since = Math.floor(Date.now() / DAY) * DAY - (days - 1) * DAY;
      const result = await topTippersQuery(env.DB, caller.performer.userId, since, limit).all<
        Record<string, number | string>
      >();
      return { days, topTippers: readTopTippers(result) };
    },
  }),
];

/** Payouts: the payout panel's status and history. */
export const payoutTools = [
  tool({
    name: 'payouts_status',
    scope: 'payouts:read',
    title: 'Payout status',
    description:
      'Whether a payout can be requested now (and if not, why), the payout account’s state, what is payable ' +
      'and the minimum. Requesting a payout stays in the studio.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => {
      const { figures, blocker, config, account } = await payoutPicture(env, { id: caller.performer.userId });
      return {
        payable: figures.payable,
        pending: figures.pending,
        payoutMinimum: config.payoutMinimum,
        payoutBlocker: blocker,
        payoutAccount: account,
      };
    },
  }),
  tool({
    name: 'payouts_history',
    scope: 'payouts:read',
    title: 'Payout history',
    description: 'Your latest payouts (up to 20), newest first: amount, status, when requested, why one failed.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ payouts: await recentPayouts(env.DB, caller.performer.userId) }),
  }),
];
