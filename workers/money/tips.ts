import { Account } from './accounts.ts';
import { tipDraft, type TipRequest } from './drafts.ts';
import { hashPayload, transactionValues } from './ledger.ts';

/**
 * Commits many tips (one room, many tippers) in ONE D1 batch and answers each on its own. Every
 * statement is conditional, so the batch never fails as a whole: a tip whose wallet is short or
 * frozen writes nothing and is rejected, while the others land. Order matters and is kept: a
 * tipper's second tip sees the balance after their first. A tip's idempotency key makes a retry
 * (after a lost reply, a reconnect or a Room restart) return the first result.
 */
export type TipOutcome =
  | { status: 'accepted'; transactionId: string; replayed: boolean; balance: number }
  | { status: 'rejected'; reason: 'INSUFFICIENT_FUNDS' | 'WALLET_FROZEN' | 'IDEMPOTENCY_CONFLICT'; balance: number };

export type KeyedTip = TipRequest & { idempotencyKey: string };

export async function commitTips(db: D1Database, tips: KeyedTip[], feePercent: number): Promise<TipOutcome[]> {
  if (tips.length === 0) return [];
  const now = Date.now();
  const planned = await Promise.all(
    tips.map(async (tip) => {
      const draft = tipDraft(tip, feePercent);
      return { tip, draft, id: crypto.randomUUID(), payloadHash: await hashPayload(draft) };
    }),
  );
  const statements = planned.flatMap(({ tip, draft, id, payloadHash }) => [
    db
      .prepare(
        `insert into ledger_transactions (id, kind, idempotency_key, payload_hash, actor_id, counterparty_id, reference, memo, created_at)
         select ?, ?, ?, ?, ?, ?, ?, ?, ?
         where not exists (select 1 from ledger_transactions where idempotency_key = ?)
           and coalesce((select balance from account_balances where account = ?), 0) >= ?
           and not exists (select 1 from wallet_freezes where user_id = ?)`,
      )
      .bind(...transactionValues({ id, draft, idempotencyKey: tip.idempotencyKey, payloadHash, now }), tip.idempotencyKey, Account.wallet(tip.tipperId), tip.amount, tip.tipperId),
    db
      .prepare(
        `insert into ledger_entries (transaction_id, account, amount, created_at)
         select ?, column1, column2, ? from (values ${draft.entries.map(() => '(?, ?)').join(', ')})
         where exists (select 1 from ledger_transactions where id = ?)`,
      )
      .bind(id, now, ...draft.entries.flatMap((e) => [e.account, e.amount]), id),
  ]);
  const keys = tips.map((t) => t.idempotencyKey);
  const wallets = [...new Set(tips.map((t) => Account.wallet(t.tipperId)))];
  const tippers = [...new Set(tips.map((t) => t.tipperId))];
  const results = await db.batch<Record<string, unknown>>([
    ...statements,
    db.prepare(`select id, idempotency_key, payload_hash from ledger_transactions where idempotency_key in (${keys.map(() => '?').join(', ')})`).bind(...keys),
    db.prepare(`select account, balance from account_balances where account in (${wallets.map(() => '?').join(', ')})`).bind(...wallets),
    db.prepare(`select user_id from wallet_freezes where user_id in (${tippers.map(() => '?').join(', ')})`).bind(...tippers),
  ]);
  const [committed, balances, frozen] = results.slice(-3).map((r) => r.results) as [
    { id: string; idempotency_key: string; payload_hash: string }[],
    { account: string; balance: number }[],
    { user_id: string }[],
  ];
  const byKey = new Map(committed.map((row) => [row.idempotency_key, row]));
  const balanceOf = new Map(balances.map((row) => [row.account, row.balance]));
  const frozenUsers = new Set(frozen.map((row) => row.user_id));
  return planned.map(({ tip, id, payloadHash }): TipOutcome => {
    const balance = balanceOf.get(Account.wallet(tip.tipperId)) ?? 0;
    const row = byKey.get(tip.idempotencyKey);
    if (row?.id === id) return { status: 'accepted', transactionId: id, replayed: false, balance };
    if (row && row.payload_hash === payloadHash) return { status: 'accepted', transactionId: row.id, replayed: true, balance };
    if (row) return { status: 'rejected', reason: 'IDEMPOTENCY_CONFLICT', balance };
    return { status: 'rejected', reason: frozenUsers.has(tip.tipperId) ? 'WALLET_FROZEN' : 'INSUFFICIENT_FUNDS', balance };
  });
}
