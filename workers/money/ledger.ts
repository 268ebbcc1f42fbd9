import { eq } from 'drizzle-orm';
import { constraintViolated } from '../db/constraint.ts';
import { database } from '../db/index.ts';
import { ledgerEntries, ledgerTransactions } from '../db/money-schema.ts';
import { applyBalances } from './balances.ts';
import type { Draft } from './drafts.ts';
import { IdempotencyConflict, InsufficientFunds } from './errors.ts';
import { transactionId as newTransactionId } from './ids.ts';

/**
 * One money operation is one D1 batch (D1's only all-or-nothing unit): the transaction row,
 * its entries, the balance moves (CHECK constraints refuse an overdraft),
 * and any bookkeeping the caller adds (a purchase marked paid, a payout row). A replay with
 * the same idempotency key fails on the key's UNIQUE index, writes nothing, and returns the
 * first result; the same key with another payload is refused.
 */
export type Committed = { transactionId: string; replayed: boolean };

export async function commit(
  db: D1Database,
  draft: Draft,
  idempotencyKey: string,
  also: D1PreparedStatement[] = [],
  before: D1PreparedStatement[] = [],
): Promise<Committed> {
  const { transactionId, replayed } = await commitReading(db, draft, idempotencyKey, also, before);
  return { transactionId, replayed };
}

/**
 * `commit`, also giving back what the `also` statements returned, in order (a read in the same batch sees the
 * balances just moved). A replay ran none of them: `also` is then empty.
 */
export async function commitReading(
  db: D1Database,
  draft: Draft,
  idempotencyKey: string,
  also: D1PreparedStatement[] = [],
  before: D1PreparedStatement[] = [],
): Promise<Committed & { also: D1Result[] }> {
  const transactionId = newTransactionId();
  const payloadHash = await hashPayload(draft);
  const now = Date.now();
  try {
    const results = await db.batch([
      // Statements a trigger on the transaction insert must already see (a payout's new status).
      ...before,
      insertTransaction(db, { id: transactionId, draft, idempotencyKey, payloadHash, now }),
      insertEntries(db, transactionId, draft, now),
      ...applyBalances(
        db,
        JSON.stringify([transactionId]),
        draft.entries.map((e) => e.account),
      ),
      ...also,
    ]);
    return { transactionId, replayed: false, also: results.slice(results.length - also.length) };
  } catch (error) {
    if (constraintViolated(error, 'UNIQUE', 'ledger_transactions.idempotency_key')) {
      return { ...(await replay(db, idempotencyKey, payloadHash)), also: [] };
    }
    if (constraintViolated(error, 'CHECK', 'account_balances_not_negative')) throw new InsufficientFunds();
    throw error;
  }
}

async function replay(db: D1Database, idempotencyKey: string, payloadHash: string): Promise<Committed> {
  const [first] = await database({ DB: db })
    .select({ id: ledgerTransactions.id, payloadHash: ledgerTransactions.payloadHash })
    .from(ledgerTransactions)
    .where(eq(ledgerTransactions.idempotencyKey, idempotencyKey));
  if (!first) throw new Error(`idempotency key ${idempotencyKey} conflicted but no transaction holds it`);
  if (first.payloadHash !== payloadHash) throw new IdempotencyConflict();
  return { transactionId: first.id, replayed: true };
}

export function insertTransaction(
  db: D1Database,
  t: { id: string; draft: Draft; idempotencyKey: string; payloadHash: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `insert into ledger_transactions (id, kind, idempotency_key, payload_hash, actor_id, counterparty_id, reference,
         memo, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(...transactionValues(t));
}

export function transactionValues(t: {
  id: string;
  draft: Draft;
  idempotencyKey: string;
  payloadHash: string;
  now: number;
}) {
  const { draft } = t;
  return [
    t.id,
    draft.kind,
    t.idempotencyKey,
    t.payloadHash,
    draft.actorId ?? null,
    draft.counterpartyId ?? null,
    draft.reference ?? null,
    draft.memo && Object.keys(draft.memo).length > 0 ? JSON.stringify(draft.memo) : null,
    t.now,
  ];
}

export function insertEntries(db: D1Database, transactionId: string, draft: Draft, now: number): D1PreparedStatement {
  const rows = draft.entries.map(() => '(?, ?, ?, ?)').join(', ');
  return db
    .prepare(`insert into ledger_entries (transaction_id, account, amount, created_at) values ${rows}`)
    .bind(...draft.entries.flatMap((e) => [transactionId, e.account, e.amount, now]));
}

/** What the caller asked for, canonically: the kind, who, what, and every entry. */
export async function hashPayload(draft: Draft): Promise<string> {
  const canonical = JSON.stringify([
    draft.kind,
    draft.actorId ?? null,
    draft.counterpartyId ?? null,
    draft.reference ?? null,
    draft.entries.map((e) => [e.account, e.amount]),
    draft.memo ?? null,
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function balanceOf(db: D1Database, account: string): Promise<number> {
  const row = await db
    .prepare('select balance from account_balances where account = ?')
    .bind(account)
    .first<{ balance: number }>();
  return row?.balance ?? 0;
}

/** How many entries an account has: a cheap version number for its balance. */
export async function entryCount(db: D1Database, account: string): Promise<number> {
  return database({ DB: db }).$count(ledgerEntries, eq(ledgerEntries.account, account));
}

/** Whether a transaction with this idempotency key landed. */
export async function transactionWithKey(db: D1Database, idempotencyKey: string): Promise<boolean> {
  return (
    (await database({ DB: db }).$count(ledgerTransactions, eq(ledgerTransactions.idempotencyKey, idempotencyKey))) > 0
  );
}
