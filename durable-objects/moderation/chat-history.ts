import { CHAT_HISTORY_SIZE, type ChatMessage } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';

/**
 * The last CHAT_HISTORY_SIZE chat messages, for newcomers. Kept apart from the event log, which
 * is trimmed by age and count for reconnects, so a quiet room still shows its recent chat.
 * Message deletion and clearing (moderation) will remove rows here and log an event.
 */
export class ChatHistory {
  private readonly sql: SqlStorage;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  add(message: ChatMessage, seq: number, ref: string): void {
    this.sql.exec('insert into chat_history (seq, ref, body) values (?, ?, ?)', seq, ref, JSON.stringify(message));
    // Trim by position: at most one row goes per message, so this stays cheap.
    this.sql.exec(
      'delete from chat_history where seq <= (select seq from chat_history order by seq desc limit 1 offset ?)',
      CHAT_HISTORY_SIZE,
    );
  }

  /** The message a client id already produced, if it is still in the history. */
  byRef(ref: string): ChatMessage | undefined {
    const row = this.sql.exec<{ body: string }>('select body from chat_history where ref = ?', ref).toArray()[0];
    return row ? (JSON.parse(row.body) as ChatMessage) : undefined;
  }

  /** A message still in the history, with its room sequence number. */
  find(id: string): { seq: number; message: ChatMessage } | undefined {
    const row = this.sql
      .exec<{ seq: number; body: string }>("select seq, body from chat_history where body ->> '$.id' = ?", id)
      .toArray()[0];
    return row ? { seq: row.seq, message: JSON.parse(row.body) as ChatMessage } : undefined;
  }

  /** Moderation: a deleted message is gone for newcomers too. */
  remove(id: string): boolean {
    return this.sql.exec("delete from chat_history where body ->> '$.id' = ?", id).rowsWritten > 0;
  }

  clear(): void {
    this.sql.exec('delete from chat_history');
  }

  /** The last `count` messages with their sequence numbers, oldest first (a report's evidence). */
  last(count: number): { seq: number; message: ChatMessage }[] {
    return this.sql
      .exec<{ seq: number; body: string }>(
        'select seq, body from (select seq, body from chat_history order by seq desc limit ?) order by seq',
        count,
      )
      .toArray()
      .map((row) => ({ seq: row.seq, message: JSON.parse(row.body) as ChatMessage }));
  }

  /** When a handle last chatted, as far as the history remembers (slow mode after a wake-up). */
  lastAt(handle: string): number | undefined {
    const row = this.sql
      .exec<{ at: number | null }>(
        "select max(body ->> '$.at') as at from chat_history where body ->> '$.from.handle' = ?",
        handle,
      )
      .one();
    return row.at ?? undefined;
  }

  recent(): ChatMessage[] {
    return this.sql
      .exec<{ body: string }>(
        'select body from (select seq, body from chat_history order by seq desc limit ?) order by seq',
        CHAT_HISTORY_SIZE,
      )
      .toArray()
      .map((row) => JSON.parse(row.body) as ChatMessage);
  }
}
