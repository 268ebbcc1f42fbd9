import { FAN_CLUB_PERIOD_DAYS } from '../../wire/fan-club.ts';
import { constraintViolated } from '../db/constraint.ts';
import { Account } from '../money/accounts.ts';
import { applyBalances } from '../money/balances.ts';
import { balanced, type Draft, tipSplit } from '../money/drafts.ts';
import { transactionId } from '../money/ids.ts';
import { hashPayload, transactionValues } from '../money/ledger.ts';

export const PERIOD_MS = FAN_CLUB_PERIOD_DAYS * 24 * 60 * 60 * 1000;

/** Each period of a membership is paid at most once, whoever tries to pay it (a join, a rejoin, the renewal job). */
export const periodKey = (membershipId: string, periodIndex: number) => `fan_club:${membershipId}:${periodIndex}`;

export type PeriodCharge = {
  membershipId: string;
  performerId: string;
  memberId: string;
  /** The period this pays for: the membership's last paid period + 1. */
  periodIndex: number;
  priceTokens: number;
  /** A join (the first period, or again after a lapse or a cancellation ran out) or a renewal. */
  reason: 'join' | 'renew';
  /** The renewal's in-app notice, written only if the charge lands (same batch). */
  notice?: { title: string; body: string; link: string } | undefined;
  joinKey?: string | undefined;
};

export type ChargeResult =
  /** Landed now, or earlier under the same period key. */
  | { status: 'charged'; transactionId: string; replayed: boolean }
  /** The membership was not in the state this charge needs any more (someone else paid or changed it). */
  | { status: 'skipped' }
  | { status: 'frozen' }
  | { status: 'short' };

export function fanClubDraft(c: PeriodCharge, feePercent: number): Draft {
  const split = tipSplit(c.priceTokens, feePercent);
  return balanced({
    kind: 'fan_club',
    actorId: c.memberId,
    counterpartyId: c.performerId,
    reference: c.membershipId,
    memo: { period: c.periodIndex, ...(c.reason === 'join' ? { join: true } : {}) },
    entries: [
      { account: Account.wallet(c.memberId), amount: -c.priceTokens },
      { account: Account.earnings(c.performerId), amount: split.performer },
      { account: Account.fees, amount: split.platform },
    ],
  });
}

/**
 * The state a membership must be in for this charge, so a charge never lands on a membership that moved on
 * (a cancel, a lapse, another join) between the read and the write: a join needs no paid time left, a
 * renewal needs a renewing membership whose period has ended. Checked inside the ledger insert itself.
 */
const GUARD = {
  join: `(m.status = 'lapsed' or (m.status = 'cancelled' and m.period_end <= ?3))`,
  renew: `m.status in ('active', 'grace') and m.renews = 1 and m.period_end <= ?3`,
} as const;

/**
 * Pays one period in ONE D1 batch: the ledger transaction (only if its key is new, the membership is still at
 * the period before, in the state the charge needs, and the wallet is not frozen), its entries, the balance
 * moves (an overdraft fails the whole batch), and, only where the transaction landed, the membership's new
 * period, the event for the studio's figures and the member's notice. A crash anywhere leaves either all of
 * it or none of it; a rerun finds the key used (or the membership moved on) and changes nothing.
 */
export async function chargePeriod(db: D1Database, c: PeriodCharge, feePercent: number, now = Date.now()) {
  const draft = fanClubDraft(c, feePercent);
  const id = transactionId();
  const key = periodKey(c.membershipId, c.periodIndex);
  const payloadHash = await hashPayload(draft);
  const values = transactionValues({ id, draft, idempotencyKey: key, payloadHash, now });
  const landed = 'exists (select 1 from ledger_transactions where id = ?1)';
  const period =
    c.reason === 'join'
      ? { start: '?3', end: `?3 + ${PERIOD_MS}` }
      : { start: 'period_end', end: `period_end + ${PERIOD_MS}` };
  const statements = [
    db
      .prepare(
        `insert into ledger_transactions (id, kind, idempotency_key, payload_hash, actor_id, counterparty_id,
           reference, memo, created_at)
         select ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?3
          where not exists (select 1 from ledger_transactions where idempotency_key = ?5)
            and not exists (select 1 from wallet_freezes where user_id = ?7)
            and exists (select 1 from fan_club_memberships m
                         where m.id = ?9 and m.period_index = ?2 - 1 and ${GUARD[c.reason]})`,
      )
      .bind(id, c.periodIndex, now, ...values.slice(1, 8)),
    db
      .prepare(
        `insert into ledger_entries (transaction_id, account, amount, created_at)
         select ?1, e.value ->> 0, e.value ->> 1, ?2 from json_each(?3) e where ${landed} order by e.key`,
      )
      .bind(id, now, JSON.stringify(draft.entries.map((e) => [e.account, e.amount]))),
    ...applyBalances(
      db,
      JSON.stringify([id]),
      draft.entries.map((e) => e.account),
    ),
    db
      .prepare(
        `update fan_club_memberships
            set status = 'active', period_index = ?2, period_start = ${period.start}, period_end = ${period.end},
                price_tokens = ?4, renews = 1, grace_until = null, updated_at = ?3,
                join_key = coalesce(?5, join_key), joined_at = case when ?5 is null then joined_at else ?3 end
          where id = ?6 and ${landed}`,
      )
      .bind(id, c.periodIndex, now, c.priceTokens, c.reason === 'join' ? (c.joinKey ?? '') : null, c.membershipId),
    db
      .prepare(
        `insert or ignore into fan_club_events (membership_id, period_index, kind, performer_id, tokens, at)
         select ?2, ?3, ?4, ?5, ?6, ?7 where ${landed}`,
      )
      .bind(id, c.membershipId, c.periodIndex, c.reason, c.performerId, c.priceTokens, now),
  ];
  if (c.notice)
    statements.push(
      db
        .prepare(
          `insert into notifications (id, user_id, kind, title, body, link, dedupe_key, created_at)
           select ?2, ?3, 'fan_club', ?4, ?5, ?6, ?7, ?8 where ${landed}
           on conflict (dedupe_key) do nothing`,
        )
        .bind(id, crypto.randomUUID(), c.memberId, c.notice.title, c.notice.body, c.notice.link, `${key}:paid`, now),
    );
  statements.push(
    db.prepare('select id, payload_hash from ledger_transactions where idempotency_key = ?').bind(key),
    db.prepare('select 1 as frozen from wallet_freezes where user_id = ?').bind(c.memberId),
  );
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (error) {
    if (constraintViolated(error, 'CHECK', 'account_balances_not_negative')) return { status: 'short' } as const;
    throw error;
  }
  const [holder] = results.at(-2)!.results as { id: string }[];
  const frozen = results.at(-1)!.results.length > 0;
  if (holder) return { status: 'charged', transactionId: holder.id, replayed: holder.id !== id } as const;
  if (frozen) return { status: 'frozen' } as const;
  return { status: 'skipped' } as const;
}
