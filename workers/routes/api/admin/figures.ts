import { createRoute } from '@hono/zod-openapi';
import { Figures, FiguresQuery } from '../../../../wire/admin-figures.ts';
import { router } from '../../../app.ts';
import { Account } from '../../../money/accounts.ts';
import { json } from '../../../openapi.ts';

const DAY = 86_400_000;
type Daily = { day: number; n: number; total: number };

/** Platform figures for the dashboard: now, today (UTC) and one point per day. Aggregates only, not audited. */
export const adminFigures = router().openapi(
  createRoute({
    method: 'get',
    path: '/figures',
    tags: ['Admin'],
    summary: 'Live rooms, viewers, tips, purchases, fees, sign-ups and the KYC backlog, with daily series',
    request: { query: FiguresQuery },
    responses: { 200: json(Figures, 'The figures') },
  }),
  async (c) => {
    const db = c.env.DB;
    const { days } = c.req.valid('query');
    const today = Math.floor(Date.now() / DAY) * DAY;
    const since = today - (days - 1) * DAY;
    const byDay = (sql: string, ...params: (string | number)[]) =>
      db
        .prepare(sql)
        .bind(...params, since)
        .all<Daily>()
        .then((r) => r.results);
    const [live, kyc, reports, tips, purchases, fees, signups] = await Promise.all([
      db
        .prepare('select count(*) as rooms, coalesce(sum(viewers), 0) as viewers from live_rooms')
        .first<{ rooms: number; viewers: number }>(),
      db
        .prepare("select count(*) as n from kyc_verifications where status in ('submitted', 'resubmitted')")
        .first<{ n: number }>(),
      db.prepare("select count(*) as n from reports where status = 'open'").first<{ n: number }>(),
      // Tips paid to performers that day (performer's share + fee), the same ledger entries the fees come
      // from: an escrowed goal tip counts when it is released, never while held or once refunded.
      byDay(
        `select t.created_at / ${DAY} * ${DAY} as day, count(distinct t.id) as n, coalesce(sum(e.amount), 0) as total
             from ledger_transactions t join ledger_entries e on e.transaction_id = t.id and (e.account like 'earnings:%' or e.account = '${Account.fees}')
            where t.kind = 'tip' and t.created_at >= ? group by day`,
      ),
      byDay(
        `select created_at / ${DAY} * ${DAY} as day, count(*) as n, coalesce(sum(amount_cents), 0) as total from purchases where status = 'paid' and created_at >= ? group by day`,
      ),
      byDay(
        `select created_at / ${DAY} * ${DAY} as day, count(*) as n, coalesce(sum(amount), 0) as total from ledger_entries where account = ? and created_at >= ? group by day`,
        Account.fees,
      ),
      byDay(
        `select created_at / ${DAY} * ${DAY} as day, count(*) as n, count(*) as total from users where created_at >= ? group by day`,
      ),
    ]);
    const dayList = Array.from({ length: days }, (_, i) => since + i * DAY);
    const series = (rows: Daily[], pick: (d: Daily) => number) => {
      const map = new Map(rows.map((r) => [r.day, pick(r)]));
      return dayList.map((d) => map.get(d) ?? 0);
    };
    const on = (rows: Daily[]) => rows.find((r) => r.day === today);
    return c.json(
      {
        now: { liveRooms: live?.rooms ?? 0, viewers: live?.viewers ?? 0 },
        today: {
          tips: on(tips)?.n ?? 0,
          tipTokens: on(tips)?.total ?? 0,
          purchases: on(purchases)?.n ?? 0,
          purchaseCents: on(purchases)?.total ?? 0,
          feeTokens: on(fees)?.total ?? 0,
          signups: on(signups)?.n ?? 0,
        },
        kycBacklog: kyc?.n ?? 0,
        openReports: reports?.n ?? 0,
        series: {
          days: dayList.map((d) => d / 1000),
          tipTokens: series(tips, (d) => d.total),
          purchaseCents: series(purchases, (d) => d.total),
          feeTokens: series(fees, (d) => d.total),
          signups: series(signups, (d) => d.n),
        },
      },
      200,
    );
  },
);
