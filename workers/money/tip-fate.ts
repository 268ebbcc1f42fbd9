import { and, eq, inArray, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { accountBalances, ledgerEntries, ledgerTransactions, tipRefusals } from '../db/money-schema.ts';
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
  const keyList = JSON.stringify(clientIds.map((id) => tipIdempotencyKey(userId, id)));
  const keys = sql`(select value from json_each(${keyList}))`;
  const wallet = Account.wallet(userId);
  const d = database({ DB: db });
  // One batch: the three reads see the same moment of the ledger.
  const [landed, refused, balances] = await d.batch([
    d
      .select({
        id: ledgerTransactions.id,
        idempotencyKey: ledgerTransactions.idempotencyKey,
        reference: ledgerTransactions.reference,
        createdAt: ledgerTransactions.createdAt,
        amount: sql<number>`coalesce(-sum(${ledgerEntries.amount}), 0)`,
      })
      .from(ledgerTransactions)
      .leftJoin(
        ledgerEntries,
        and(eq(ledgerEntries.transactionId, ledgerTransactions.id), eq(ledgerEntries.account, wallet)),
      )
      .where(and(inArray(ledgerTransactions.idempotencyKey, keys), eq(ledgerTransactions.kind, 'tip')))
      .groupBy(ledgerTransactions.id),
    d
      .select({ idempotencyKey: tipRefusals.idempotencyKey, reason: tipRefusals.reason })
      .from(tipRefusals)
      .where(inArray(tipRefusals.idempotencyKey, keys)),
    d.select({ balance: accountBalances.balance }).from(accountBalances).where(eq(accountBalances.account, wallet)),
  ]);
  const balance = balances[0]?.balance ?? 0;
  const fates = new Map<string, TipFate>(clientIds.map((id) => [id, { status: 'unknown', balance }]));
  for (const row of landed) {
    const id = clientIdOf(row.idempotencyKey, userId);
    if (id)
      fates.set(id, {
        status: 'accepted',
        tipId: row.id,
        amount: row.amount,
        room: row.reference,
        at: row.createdAt,
        balance,
      });
  }
  for (const row of refused) {
    const id = clientIdOf(row.idempotencyKey, userId);
    if (id) fates.set(id, { status: 'refused', reason: row.reason, balance });
  }
  return fates;
}

export async function tipFate(db: D1Database, userId: string, clientId: string): Promise<TipFate> {
  return (await tipFates(db, userId, [clientId])).get(clientId) ?? { status: 'unknown', balance: 0 };
}
