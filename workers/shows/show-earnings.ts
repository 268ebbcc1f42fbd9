import { z } from 'zod';
import type { ShowEarningsResponse } from '../../wire/show-earnings.ts';
import { allRows, firstRow } from '../db/rows.ts';
import { Account } from '../money/accounts.ts';
import { tipSplit } from '../money/drafts.ts';

const DAY = 86_400_000;
const Seat = z.object({
  showId: z.string(),
  role: z.string(),
  kind: z.string(),
  anonymous: z.number(),
  handle: z.string(),
  displayName: z.string(),
  startedAt: z.number(),
  minutes: z.number(),
  tokens: z.number(),
});
const Totals = z.object({ last30: z.number(), allTime: z.number() });

/**
 * The performer's paid shows for the earnings page: the latest finished seats (an anonymous viewer stays
 * unnamed), each with its share at the usual split, and the ledger's own totals of `show_minute` earnings.
 */
export async function showEarningsOf(
  db: D1Database,
  performerId: string,
  feePercent: number,
  now = Date.now(),
): Promise<ShowEarningsResponse> {
  const since30 = Math.floor(now / DAY) * DAY - 29 * DAY;
  const [seats, totals] = await Promise.all([
    allRows(
      Seat,
      db
        .prepare(
          `select p.show_id as showId, p.role, p.kind, p.anonymous, u.handle, u.display_name as displayName,
                  p.started_at as startedAt, p.minutes, p.tokens
             from show_participants p join users u on u.id = p.user_id
            where p.performer_id = ? and p.ended_at is not null
            order by p.started_at desc limit 50`,
        )
        .bind(performerId),
    ),
    firstRow(
      Totals,
      db
        .prepare(
          `select coalesce(sum(case when e.created_at >= ?2 then e.amount end), 0) as last30,
                  coalesce(sum(e.amount), 0) as allTime
             from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
            where e.account = ?1 and t.kind = 'show_minute'`,
        )
        .bind(Account.earnings(performerId), since30),
    ),
  ]);
  return {
    shows: seats.map((s) => ({
      showId: s.showId,
      at: new Date(s.startedAt).toISOString(),
      kind: s.role === 'spy' ? 'spy' : s.kind,
      viewer: s.anonymous ? null : { handle: s.handle, displayName: s.displayName },
      minutes: s.minutes,
      tokens: s.tokens,
      earned: tipSplit(s.tokens, feePercent).performer,
    })),
    last30Days: totals.last30,
    allTime: totals.allTime,
  };
}
