import type { EarningsResponse, TopTipper } from '../../wire/money.ts';
import { Account } from './accounts.ts';
import type { MoneyConfig } from './config.ts';

const DAY = 86_400_000;
/** Earning kinds: money a performer made, as opposed to money moving to or from a payout. */
export const EARNED = "('tip', 'show_minute', 'request_income', 'fan_club')";
/** What tippers gave (the top tippers): fan-club memberships are income, not tips. */
const TIPPED = "('tip', 'show_minute', 'request_income')";
/**
 * Anonymous tips count in every total but never under the tipper's name, as on the room's
 * leaderboard: a released goal tip is as anonymous as the held tip it releases, and request income as
 * anonymous as the request's payment.
 */
const NAMED = "coalesce(t.memo ->> '$.anonymous', held.memo ->> '$.anonymous', 0) = 0";

export type EarningsFigures = Omit<
  EarningsResponse,
  'payoutBlocker' | 'payoutAccount' | 'payouts' | 'payoutMinimum' | 'holdDays'
> & { balance: number };

/** Everything the earnings page shows, in one D1 batch. Days are UTC days. */
export async function earningsOf(
  db: D1Database,
  performerId: string,
  config: MoneyConfig,
  now = Date.now(),
): Promise<EarningsFigures> {
  const account = Account.earnings(performerId);
  const today = Math.floor(now / DAY) * DAY;
  const since30 = today - 29 * DAY;
  const heldSince = now - config.holdDays * DAY;
  const earned = `select coalesce(sum(e.amount), 0) as value
                    from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
                   where e.account = ?1 and t.kind in ${EARNED} and e.created_at >= ?2`;
  const ofKind = `select coalesce(sum(e.amount), 0) as value
                    from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
                   where e.account = ?1 and t.kind = ?3 and e.created_at >= ?2`;
  const [todayRow, week, month, all, pending, balance, perDay, tippers, requests30, requestsAll, club30, clubAll] =
    await db.batch<Record<string, number | string>>([
      db.prepare(earned).bind(account, today),
      db.prepare(earned).bind(account, today - 6 * DAY),
      db.prepare(earned).bind(account, since30),
      db.prepare(earned).bind(account, 0),
      db.prepare(earned).bind(account, heldSince),
      db.prepare('select coalesce(balance, 0) as value from account_balances where account = ?').bind(account),
      db
        .prepare(
          `select (e.created_at / ${DAY}) as day, sum(e.amount) as value from ledger_entries e
           join ledger_transactions t on t.id = e.transaction_id
          where e.account = ? and t.kind in ${EARNED} and e.created_at >= ? group by day`,
        )
        .bind(account, since30),
      topTippersQuery(db, performerId, since30, 5),
      db.prepare(ofKind).bind(account, since30, 'request_income'),
      db.prepare(ofKind).bind(account, 0, 'request_income'),
      db.prepare(ofKind).bind(account, since30, 'fan_club'),
      db.prepare(ofKind).bind(account, 0, 'fan_club'),
    ]);
  const value = (r: D1Result<Record<string, number | string>> | undefined) => Number(r?.results[0]?.value ?? 0);
  const byDay = new Map((perDay?.results ?? []).map((r) => [Number(r.day), Number(r.value)]));
  const held = value(pending);
  const current = value(balance);
  return {
    today: value(todayRow),
    last7Days: value(week),
    last30Days: value(month),
    allTime: value(all),
    requestsLast30Days: value(requests30),
    requestsAllTime: value(requestsAll),
    fanClubLast30Days: value(club30),
    fanClubAllTime: value(clubAll),
    pending: Math.min(held, current),
    payable: Math.max(0, current - held),
    balance: current,
    perDay: Array.from({ length: 30 }, (_, i) => {
      const day = since30 / DAY + i;
      return { day: new Date(day * DAY).toISOString().slice(0, 10), tokens: byDay.get(day) ?? 0 };
    }),
    topTippers: readTopTippers(tippers),
  };
}

/**
 * The performer's biggest tippers from `since` to `until` (exclusive), by earned tokens: the one query behind
 * the earnings page and a connected app's top tippers, so an anonymous tip is hidden on both (NAMED).
 */
export function topTippersQuery(
  db: D1Database,
  performerId: string,
  since: number,
  limit: number,
  until = Number.MAX_SAFE_INTEGER,
) {
  return db
    .prepare(
      `select u.handle, u.display_name, sum(e.amount) as value from ledger_entries e
         join ledger_transactions t on t.id = e.transaction_id join users u on u.id = t.actor_id
         left join ledger_transactions held on held.id = coalesce(t.memo ->> '$.released', t.memo ->> '$.payment')
        where e.account = ? and t.kind in ${TIPPED} and e.created_at >= ? and e.created_at < ? and ${NAMED}
        group by t.actor_id order by value desc limit ?`,
    )
    .bind(Account.earnings(performerId), since, until, limit);
}

export function readTopTippers(result: D1Result<Record<string, number | string>> | undefined): TopTipper[] {
  return (result?.results ?? []).map((r) => ({
    handle: String(r.handle),
    displayName: String(r.display_name),
    tokens: Number(r.value),
  }));
}
