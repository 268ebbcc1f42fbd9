import { Account } from './accounts.ts';

/**
 * The ledger's idempotency key of a room tip: the same client id from the same user is one tip, wherever it
 * is retried.
 */
export const tipIdempotencyKey = (userId: string, clientId: string) => `tip:${userId}:${clientId}`;

/** The client id a tip was sent with, read back from its idempotency key (null for tips made elsewhere). */
export function clientIdOf(idempotencyKey: string, userId: string): string | null {
  const prefix = tipIdempotencyKey(userId, '');
  return idempotencyKey.startsWith(prefix) ? idempotencyKey.slice(prefix.length) : null;
}

/**
 * What became of a tip, from the ledger alone: accepted (with its transaction), refused for good
 * (tip_refusals), or unknown (never reached the ledger: still waiting in a Room, or lost). Keyed by
 * the tipper's own id, so nobody can ask about another person's tips.
 */
export type TipFate =
  | { status: 'accepted'; tipId: string; amount: number; room: string | null; at: number; balance: number }
  | { status: 'refused'; reason: 'INSUFFICIENT_FUNDS' | 'WALLET_FROZEN'; balance: number }
  | { status: 'unknown'; balance: number };

export async function tipFates(db: D1Database, userId: string, clientIds: string[]): Promise<Map<string, TipFate>> {
  const keys = JSON.stringify(clientIds.map((id) => tipIdempotencyKey(userId, id)));
  const [landed, refused, wallet] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `select t.id, t.idempotency_key, t.reference, t.created_at, coalesce(-sum(e.amount), 0) as amount
           from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id and e.account = ?2
          where t.idempotency_key in (select value from json_each(?1)) and t.kind = 'tip' group by t.id`,
      )
      .bind(keys, Account.wallet(userId)),
    db
      .prepare(
        'select idempotency_key, reason from tip_refusals where idempotency_key in (select value from json_each(?))',
      )
      .bind(keys),
    db.prepare('select balance from account_balances where account = ?').bind(Account.wallet(userId)),
  ]);
  const balance = Number((wallet?.results[0] as { balance?: number } | undefined)?.balance ?? 0);
  const fates = new Map<string, TipFate>(clientIds.map((id) => [id, { status: 'unknown', balance }]));
  for (const row of (landed?.results ?? []) as {
    id: string;
    idempotency_key: string;
    reference: string | null;
    created_at: number;
    amount: number;
  }[]) {
    const id = clientIdOf(row.idempotency_key, userId);
    if (id)
      fates.set(id, {
        status: 'accepted',
        tipId: row.id,
        amount: row.amount,
        room: row.reference,
        at: row.created_at,
        balance,
      });
  }
  for (const row of (refused?.results ?? []) as {
    idempotency_key: string;
    reason: 'INSUFFICIENT_FUNDS' | 'WALLET_FROZEN';
  }[]) {
    const id = clientIdOf(row.idempotency_key, userId);
    if (id) fates.set(id, { status: 'refused', reason: row.reason, balance });
  }
  return fates;
}

export async function tipFate(db: D1Database, userId: string, clientId: string): Promise<TipFate> {
  return (await tipFates(db, userId, [clientId])).get(clientId) ?? { status: 'unknown', balance: 0 };
}
