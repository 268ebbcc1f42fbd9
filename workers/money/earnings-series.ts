import { z } from 'zod';
import { Account } from './accounts.ts';
import { EARNED } from './earnings.ts';

const DAY = 86_400_000;

export const EarningsPeriod = z.enum(['day', 'week', 'month']);
export type EarningsPeriod = z.infer<typeof EarningsPeriod>;

/**
 * What an earning came from: a plain tip, a tip for a tip-menu item, a goal tip released from escrow, a paid
 * show's minute; a ledger kind added later (song requests, fan clubs) shows under its own name until it is
 * named here.
 */
export type EarningKind = 'tips' | 'menu_tips' | 'goal_tips' | 'shows' | (string & {});

export type SeriesPoint = { period: string; kind: EarningKind; tokens: number };

/** UTC periods: a day, the week starting Monday, a calendar month; each named by its first day. */
const PERIOD_START: Record<EarningsPeriod, string> = {
  day: "date(e.created_at / 1000, 'unixepoch')",
  week: "date(e.created_at / 1000, 'unixepoch', '-6 days', 'weekday 1')",
  month: "date(e.created_at / 1000, 'unixepoch', 'start of month')",
};

// A released goal tip carries its own memo ({ goal, released }); whether it was a menu tip is on the held tip.
const KIND = `case
  when t.kind = 'show_minute' then 'shows'
  when t.kind = 'tip' and coalesce(t.memo ->> '$.menuItem', held.memo ->> '$.menuItem') is not null then 'menu_tips'
  when t.kind = 'tip' and t.memo ->> '$.released' is not null then 'goal_tips'
  when t.kind = 'tip' then 'tips'
  else t.kind end`;

/** Most periods one series answers (a year of days). */
export const SERIES_MAX_PERIODS = 366;

/**
 * Earned tokens (the performer's share) per period and kind between `from` and `to` (epoch ms, `to`
 * exclusive), from the same ledger entries and kinds as the earnings page's totals. Periods with nothing
 * earned are left out.
 */
export async function earningsSeries(
  db: D1Database,
  performerId: string,
  { by, from, to }: { by: EarningsPeriod; from: number; to: number },
): Promise<SeriesPoint[]> {
  const { results } = await db
    .prepare(
      `select ${PERIOD_START[by]} as period, ${KIND} as earning, sum(e.amount) as tokens
         from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
         left join ledger_transactions held on held.id = t.memo ->> '$.released'
        where e.account = ? and t.kind in ${EARNED} and e.created_at >= ? and e.created_at < ?
        group by period, earning order by period, earning`,
    )
    .bind(Account.earnings(performerId), from, to)
    .all<{ period: string; earning: string; tokens: number }>();
  return results.map((r) => ({ period: r.period, kind: r.earning, tokens: Number(r.tokens) }));
}

/** The default window for a period: the last 30 days, 12 weeks or 12 months up to now. */
export function defaultWindow(by: EarningsPeriod, now: number): { from: number; to: number } {
  const today = Math.floor(now / DAY) * DAY;
  const days = by === 'day' ? 30 : by === 'week' ? 84 : 365;
  return { from: today - (days - 1) * DAY, to: now + 1 };
}
