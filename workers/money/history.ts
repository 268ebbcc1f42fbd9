import type { HistoryItem, HistoryResponse } from '../../wire/money.ts';
import { Account } from './accounts.ts';
import { clientIdOf } from './tip-fate.ts';

type Row = {
  id: number;
  amount: number;
  created_at: number;
  kind: string;
  memo: string | null;
  handle: string | null;
  idempotency_key: string;
};

/** A wallet's entries, newest first, each with a sentence a person can read. Cursor: entry id. */
export async function walletHistory(
  db: D1Database,
  userId: string,
  before: number | undefined,
  limit: number,
): Promise<HistoryResponse> {
  const { results } = await db
    .prepare(
      `select e.id, e.amount, e.created_at, t.kind, t.memo, u.handle, t.idempotency_key
         from ledger_entries e
         join ledger_transactions t on t.id = e.transaction_id
         left join users u on u.id = t.counterparty_id
        where e.account = ? and e.id < ?
        order by e.id desc limit ?`,
    )
    .bind(Account.wallet(userId), before ?? Number.MAX_SAFE_INTEGER, limit + 1)
    .all<Row>();
  const page = results.slice(0, limit);
  return {
    items: page.map((row) => toItem(row, userId)),
    nextCursor: results.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

function toItem(row: Row, userId: string): HistoryItem {
  const memo = (row.memo ? JSON.parse(row.memo) : {}) as Record<string, unknown>;
  const clientId = row.kind === 'tip' ? clientIdOf(row.idempotency_key, userId) : null;
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    description: describe(row.kind, memo, row.handle),
    createdAt: new Date(row.created_at).toISOString(),
    clientId,
  };
}

function describe(kind: string, memo: Record<string, unknown>, handle: string | null): string {
  const who = handle ? `@${handle}` : 'a performer';
  switch (kind) {
    case 'purchase':
      return `Bought the ${String(memo.pack ?? '')} pack${Number(memo.bonus) > 0 ? ` (${String(memo.bonus)} bonus tokens)` : ''}`;
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
