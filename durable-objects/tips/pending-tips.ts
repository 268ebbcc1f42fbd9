import type { RoomContext } from '../room-context.ts';
import type { TipIntent } from './tip-rules.ts';

/**
 * Tips wait here, in the Room's SQLite, from the moment they arrive until D1 has answered:
 * a restart (deploy, eviction, crash) between the two loses none, because the next life of the
 * Room commits what is still pending. Committing twice is harmless: each tip carries its
 * ledger idempotency key, so D1 keeps the first and answers a retry with the first result.
 */
export type PendingTip = { key: string; userId: string; clientId: string; receivedAt: number; intent: TipIntent };

type Row = { key: string; user_id: string; client_id: string; received_at: number; body: string };

export class PendingTips {
  private readonly sql: SqlStorage;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  /** Returns false when the same key is already waiting (a resend): it will be answered once. */
  hold(tip: PendingTip): boolean {
    const cursor = this.sql.exec(
      'insert into pending_tips (key, user_id, client_id, received_at, body) values (?, ?, ?, ?, ?) on ' +
        'conflict (key) do nothing',
      tip.key,
      tip.userId,
      tip.clientId,
      tip.receivedAt,
      JSON.stringify(tip.intent),
    );
    return cursor.rowsWritten > 0;
  }

  has(key: string): boolean {
    return this.sql.exec<{ n: number }>('select count(*) as n from pending_tips where key = ?', key).one().n > 0;
  }

  get waiting(): number {
    return this.sql.exec<{ n: number }>('select count(*) as n from pending_tips').one().n;
  }

  /**
   * The oldest `limit`, in arrival order (rowid), so one tipper's running total is checked in the order they
   * tipped.
   */
  take(limit: number): PendingTip[] {
    return this.sql
      .exec<Row>('select key, user_id, client_id, received_at, body from pending_tips order by rowid limit ?', limit)
      .toArray()
      .map((row) => ({
        key: row.key,
        userId: row.user_id,
        clientId: row.client_id,
        receivedAt: row.received_at,
        intent: JSON.parse(row.body) as TipIntent,
      }));
  }

  release(key: string): void {
    this.sql.exec('delete from pending_tips where key = ?', key);
  }
}
