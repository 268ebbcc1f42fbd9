import { and, desc, eq, lt } from 'drizzle-orm';
import type { HistoryItem, HistoryResponse } from '../../wire/money.ts';
import { database } from '../db/index.ts';
import { ledgerEntries, ledgerTransactions } from '../db/money-schema.ts';
import { users } from '../db/schema.ts';
import { Account } from './accounts.ts';
import { clientIdOf } from './tip-fate.ts';

/** A wallet's entries before the cursor, newest first, with the other party's handle. */
function entries(db: D1Database, wallet: string, before: number, limit: number) {
  return database({ DB: db })
    .select({
      id: ledgerEntries.id,
      amount: ledgerEntries.amount,
      createdAt: ledgerEntries.createdAt,
      kind: ledgerTransactions.kind,
      memo: ledgerTransactions.memo,
      handle: users.handle,
      idempotencyKey: ledgerTransactions.idempotencyKey,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .leftJoin(users, eq(users.id, ledgerTransactions.counterpartyId))
    .where(and(eq(ledgerEntries.account, wallet), lt(ledgerEntries.id, before)))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit);
}
type Row = Awaited<ReturnType<typeof entries>>[number];

/** A wallet's entries, newest first, each with a sentence a person can read. Cursor: entry id. */
export async function walletHistory(
  db: D1Database,
  userId: string,
  before: number | undefined,
  limit: number,
): Promise<HistoryResponse> {
  const results = await entries(db, Account.wallet(userId), before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  const page = results.slice(0, limit);
  return {
    items: page.map((row) => toItem(row, userId)),
    nextCursor: results.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

function toItem(row: Row, userId: string): HistoryItem {
  const memo = row.memo ?? {};
  const clientId = row.kind === 'tip' ? clientIdOf(row.idempotencyKey, userId) : null;
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    description: describe(row.kind, memo, row.handle),
    createdAt: new Date(row.createdAt).toISOString(),
    clientId,
  };
}

function describe(kind: string, memo: Record<string, unknown>, handle: string | null): string {
  const who = handle ? `@${handle}` : 'a performer';
  switch (kind) {
    case 'purchase': {
      const bonus = Number(memo.bonus) > 0 ? ` (${String(memo.bonus)} bonus tokens)` : '';
      return `Bought the ${String(memo.pack ?? '')} pack${bonus}`;
    }
    case 'tip':
      return memo.menuItem ? `Tip to ${who} for “${String(memo.menuItem)}”` : `Tip to ${who}`;
    case 'goal_refund':
      return `Refund from ${who}'s goal`;
    case 'refund':
      return 'Purchase refunded';
    case 'chargeback':
      return 'Purchase disputed (chargeback)';
    case 'show_minute':
      return `Private show with ${who}`;
    case 'adjustment':
      return `Adjustment${memo.reason ? `: ${String(memo.reason)}` : ''}`;
    default:
      return kind;
  }
}
