import { Account } from './accounts.ts';
import { applyBalances } from './balances.ts';
import { type TipRequest, tipDraft } from './drafts.ts';
import { transactionId } from './ids.ts';
import { hashPayload } from './ledger.ts';

/**
 * Commits many tips (one room, many tippers) in ONE D1 batch of ten statements, whatever the
 * number of tips, and answers each on its own. The tips travel as one JSON parameter (D1 allows
 * 100 bound parameters per statement) and are inserted set-wise with json_each:
 *   1. transactions, for tips whose key is new, whose tipper is not frozen, and whose wallet
 *      covers the running total of that tipper's new tips in this batch (a window function);
 *   2. their entries, only where statement 1 inserted the transaction;
 *   3-4. the balance moves of those entries (workers/money/balances.ts);
 *   5. a refusal for every new key that did not land (tip_refusals): its first answer stands;
 *   6-10. which of ours landed, earlier results of reused keys, balances, freezes and refusals.
 * Nothing fails the batch: a short wallet rejects only its own tips (and, conservatively, that
 * tipper's later tips in the same batch), while the CHECK constraints stay the last guard.
 * A tip's idempotency key makes a retry (lost reply, reconnect, Room restart) return the first
 * result; the same key with another payload is refused.
 */
type RefusalReason = 'INSUFFICIENT_FUNDS' | 'WALLET_FROZEN';
export type TipOutcome =
  | { status: 'accepted'; transactionId: string; replayed: boolean; balance: number }
  | { status: 'rejected'; reason: RefusalReason | 'IDEMPOTENCY_CONFLICT'; balance: number };

export type KeyedTip = TipRequest & { idempotencyKey: string };

/**
 * One tip per JSON array: [id, key, hash, tipper, performer, room, memo, amount, then up to
 * three entries as account, amount pairs]. Arrays, not objects, keep the one parameter small.
 */
type TipRow = [string, string, string, string, string, string | null, string | null, number, ...(string | number)[]];

const INSERT_TRANSACTIONS = `
  with requested as (
    select t.key as ord, t.value ->> 0 as id, t.value ->> 1 as idempotency_key, t.value ->> 2 as payload_hash,
           t.value ->> 3 as tipper, t.value ->> 4 as performer, t.value ->> 5 as room, t.value ->> 6 as memo,
           t.value ->> 7 as amount
      from json_each(?1) t
     where not exists (select 1 from ledger_transactions x where x.idempotency_key = t.value ->> 1)
       and not exists (select 1 from tip_refusals r where r.idempotency_key = t.value ->> 1)
  ), running as (
    select *, sum(amount) over (partition by tipper order by ord rows unbounded preceding) as total from requested
  )
  insert into ledger_transactions
         (id, kind, idempotency_key, payload_hash, actor_id, counterparty_id, reference, memo, created_at)
  select id, 'tip', idempotency_key, payload_hash, tipper, performer, room, memo, ?2 from running
   where coalesce((select balance from account_balances b where b.account = 'wallet:' || running.tipper), 0)
         >= running.total
     and not exists (select 1 from wallet_freezes f where f.user_id = running.tipper)`;

const INSERT_ENTRIES = `
  insert into ledger_entries (transaction_id, account, amount, created_at)
  select t.value ->> 0, json_extract(t.value, '$[' || (8 + 2 * k.n) || ']'),
         json_extract(t.value, '$[' || (9 + 2 * k.n) || ']'), ?2
    from json_each(?1) t, (select 0 as n union all select 1 union all select 2) k
   where 8 + 2 * k.n < json_array_length(t.value)
     and exists (select 1 from ledger_transactions x where x.id = t.value ->> 0)
   order by t.key, k.n`;

/** Tips of this batch that did not land and whose key is new: refused for good, with the reason. */
const RECORD_REFUSALS = `
  insert or ignore into tip_refusals (idempotency_key, payload_hash, reason, tipper_id, created_at)
  select t.value ->> 1, t.value ->> 2,
         case when exists (select 1 from wallet_freezes f where f.user_id = t.value ->> 3)
              then 'WALLET_FROZEN' else 'INSUFFICIENT_FUNDS' end,
         t.value ->> 3, ?2
    from json_each(?1) t
   where not exists (select 1 from ledger_transactions x where x.idempotency_key = t.value ->> 1)`;

export async function commitTips(db: D1Database, tips: KeyedTip[], feePercent: number): Promise<TipOutcome[]> {
  if (tips.length === 0) return [];
  const now = Date.now();
  const planned = await Promise.all(
    tips.map(async (tip) => {
      const draft = tipDraft(tip, feePercent);
      return { tip, draft, id: transactionId(), payloadHash: await hashPayload(draft) };
    }),
  );
  // The same key twice in one batch: only the first is sent; the rest are answered as retries.
  const seen = new Set<string>();
  const fresh = planned.filter((p) => !seen.has(p.tip.idempotencyKey) && seen.add(p.tip.idempotencyKey));
  const rows = fresh.map(
    ({ tip, draft, id, payloadHash }): TipRow => [
      id,
      tip.idempotencyKey,
      payloadHash,
      tip.tipperId,
      tip.performerId,
      draft.reference ?? null,
      draft.memo && Object.keys(draft.memo).length > 0 ? JSON.stringify(draft.memo) : null,
      tip.amount,
      ...draft.entries.flatMap((e) => [e.account, e.amount]),
    ],
  );
  const ids = fresh.map((p) => p.id);
  const idsJson = JSON.stringify(ids);
  const keys = JSON.stringify([...seen]);
  const wallets = JSON.stringify([...new Set(tips.map((t) => Account.wallet(t.tipperId)))]);
  const tippers = JSON.stringify([...new Set(tips.map((t) => t.tipperId))]);
  const results = await db.batch<Record<string, unknown>>([
    db.prepare(INSERT_TRANSACTIONS).bind(JSON.stringify(rows), now),
    db.prepare(INSERT_ENTRIES).bind(JSON.stringify(rows), now),
    ...applyBalances(
      db,
      idsJson,
      fresh.flatMap((p) => p.draft.entries.map((e) => e.account)),
    ),
    db.prepare(RECORD_REFUSALS).bind(JSON.stringify(rows), now),
    // Ours that landed, and (rarely) the earlier results of keys that were already used.
    db.prepare('select id from ledger_transactions where id in (select value from json_each(?))').bind(idsJson),
    db
      .prepare(
        `select id, idempotency_key, payload_hash from ledger_transactions
          where idempotency_key in (select value from json_each(?1)) and id not in (select value from json_each(?2))`,
      )
      .bind(keys, idsJson),
    db
      .prepare('select account, balance from account_balances where account in (select value from json_each(?))')
      .bind(wallets),
    db.prepare('select user_id from wallet_freezes where user_id in (select value from json_each(?))').bind(tippers),
    db
      .prepare(
        `select idempotency_key, payload_hash, reason from tip_refusals
          where idempotency_key in (select value from json_each(?))`,
      )
      .bind(keys),
  ]);
  const [landed, earlier, balances, frozen, refused] = results.slice(-5).map((r) => r.results) as [
    { id: string }[],
    { id: string; idempotency_key: string; payload_hash: string }[],
    { account: string; balance: number }[],
    { user_id: string }[],
    { idempotency_key: string; payload_hash: string; reason: RefusalReason }[],
  ];
  const ours = new Set(landed.map((row) => row.id));
  const byKey = new Map(earlier.map((row) => [row.idempotency_key, row]));
  const balanceOf = new Map(balances.map((row) => [row.account, row.balance]));
  const frozenUsers = new Set(frozen.map((row) => row.user_id));
  const refusalOf = new Map(refused.map((row) => [row.idempotency_key, row]));
  // The row each key ended with: an earlier one (a retry), or the first of this batch if it landed.
  const firstInBatch = new Map(fresh.map((p) => [p.tip.idempotencyKey, p]));
  const rowFor = (key: string) => {
    const first = firstInBatch.get(key);
    if (first && ours.has(first.id)) return { id: first.id, payload_hash: first.payloadHash };
    return byKey.get(key);
  };
  return planned.map(({ tip, id, payloadHash }): TipOutcome => {
    const balance = balanceOf.get(Account.wallet(tip.tipperId)) ?? 0;
    const row = rowFor(tip.idempotencyKey);
    if (row?.id === id) return { status: 'accepted', transactionId: id, replayed: false, balance };
    if (row && row.payload_hash === payloadHash)
      return { status: 'accepted', transactionId: row.id, replayed: true, balance };
    if (row) return { status: 'rejected', reason: 'IDEMPOTENCY_CONFLICT', balance };
    // A refusal stands: this batch's, or an earlier one of the same key (whatever the wallet holds now).
    const refusal = refusalOf.get(tip.idempotencyKey);
    if (refusal)
      return {
        status: 'rejected',
        reason: refusal.payload_hash === payloadHash ? refusal.reason : 'IDEMPOTENCY_CONFLICT',
        balance,
      };
    return {
      status: 'rejected',
      reason: frozenUsers.has(tip.tipperId) ? 'WALLET_FROZEN' : 'INSUFFICIENT_FUNDS',
      balance,
    };
  });
}
