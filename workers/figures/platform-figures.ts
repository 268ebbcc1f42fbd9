import { z } from 'zod';
import type { Figures } from '../../wire/admin-figures.ts';
import { allRows, firstRow } from '../db/rows.ts';
import { Account } from '../money/accounts.ts';

const DAY = 86_400_000;
const Daily = z.object({ day: z.number(), n: z.number(), total: z.number() });
type Daily = z.infer<typeof Daily>;
const Count = z.object({ n: z.number() });

/**
 * Platform figures for the admin dashboard: now, today (UTC) and one point per day for `days` days.
 * Aggregates over whole tables, so raw SQL, with each row checked by zod.
 */
export async function platformFigures(db: D1Database, days: number, now = Date.now()): Promise<Figures> {
  const today = Math.floor(now / DAY) * DAY;
  const since = today - (days - 1) * DAY;
  const byDay = (sql: string, ...params: (string | number)[]) => allRows(Daily, db.prepare(sql).bind(...params, since));
  const [live, kyc, reports, tips, purchases, fees, signups, fanClubs] = await Promise.all([
    firstRow(
      z.object({ rooms: z.number(), viewers: z.number() }),
      db.prepare('select count(*) as rooms, coalesce(sum(viewers), 0) as viewers from live_rooms'),
    ),
    firstRow(
      Count,
      db.prepare("select count(*) as n from kyc_verifications where status in ('submitted', 'resubmitted')"),
    ),
    firstRow(Count, db.prepare("select count(*) as n from reports where status = 'open'")),
    // Tips paid to performers that day (performer's share + fee), the same ledger entries the fees come
    // from: an escrowed goal tip counts when it is released, never while held or once refunded.
    byDay(
      `select t.created_at / ${DAY} * ${DAY} as day, count(distinct t.id) as n, coalesce(sum(e.amount), 0) as total
         from ledger_transactions t
         join ledger_entries e on e.transaction_id = t.id
                              and (e.account like '${Account.earnings('%')}' or e.account = '${Account.fees}')
        where t.kind = 'tip' and t.created_at >= ? group by day`,
    ),
    byDay(
      `select created_at / ${DAY} * ${DAY} as day, count(*) as n, coalesce(sum(amount_cents), 0) as total
         from purchases where status = 'paid' and created_at >= ? group by day`,
    ),
    byDay(
      `select created_at / ${DAY} * ${DAY} as day, count(*) as n, coalesce(sum(amount), 0) as total
         from ledger_entries where account = ? and created_at >= ? group by day`,
      Account.fees,
    ),
    byDay(
      `select created_at / ${DAY} * ${DAY} as day, count(*) as n, count(*) as total
         from users where created_at >= ? group by day`,
    ),
    // Fan-club periods paid (joins and renewals), gross: what the members' wallets paid.
    byDay(
      `select t.created_at / ${DAY} * ${DAY} as day, count(distinct t.id) as n, coalesce(-sum(e.amount), 0) as total
         from ledger_transactions t
         join ledger_entries e on e.transaction_id = t.id and e.account like '${Account.wallet('%')}'
        where t.kind = 'fan_club' and t.created_at >= ? group by day`,
    ),
  ]);
  const dayList = Array.from({ length: days }, (_, i) => since + i * DAY);
  const series = (rows: Daily[], pick: (d: Daily) => number) => {
    const map = new Map(rows.map((r) => [r.day, pick(r)]));
    return dayList.map((d) => map.get(d) ?? 0);
  };
  const on = (rows: Daily[]) => rows.find((r) => r.day === today);
  return {
    now: { liveRooms: live.rooms, viewers: live.viewers },
    today: {
      tips: on(tips)?.n ?? 0,
      tipTokens: on(tips)?.total ?? 0,
      purchases: on(purchases)?.n ?? 0,
      purchaseCents: on(purchases)?.total ?? 0,
      feeTokens: on(fees)?.total ?? 0,
      signups: on(signups)?.n ?? 0,
      fanClubCharges: on(fanClubs)?.n ?? 0,
      fanClubTokens: on(fanClubs)?.total ?? 0,
    },
    kycBacklog: kyc.n,
    openReports: reports.n,
    series: {
      days: dayList.map((d) => d / 1000),
      tipTokens: series(tips, (d) => d.total),
      purchaseCents: series(purchases, (d) => d.total),
      feeTokens: series(fees, (d) => d.total),
      signups: series(signups, (d) => d.n),
      fanClubTokens: series(fanClubs, (d) => d.total),
    },
  };
}
