import type { RoomEvent, TipEvent } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import type { CommittedTip } from './tip-desk.ts';
import { type Audience, eventFor } from './tip-rules.ts';

/** Tips a newcomer (or a viewer who reloads) sees in the welcome snapshot. */
export const TIP_HISTORY_SIZE = 20;

/**
 * The last TIP_HISTORY_SIZE tips, kept apart from the event log (which is trimmed by age for
 * reconnects), so a page opened or reloaded in a quiet moment still shows the recent tips.
 */
const TRIM_EVERY = 20;

export class TipHistory {
  private readonly sql: SqlStorage;
  private added = 0;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  /** A listener after tips commit (tip-desk.ts): each tip shown to the room joins the list. */
  record(tips: readonly CommittedTip[]): void {
    for (const { shown } of tips) if (shown) this.add(shown.seq, shown.tip);
  }

  add(seq: number, tip: TipEvent): void {
    this.sql.exec('insert or ignore into tip_history (seq, body) values (?, ?)', seq, JSON.stringify(tip));
    // Trimmed every TRIM_EVERY tips, not every tip (this is on each tip's path): recent() reads
    // only the newest TIP_HISTORY_SIZE, so a few older rows in between change nothing.
    if (++this.added % TRIM_EVERY === 0) {
      this.sql.exec(
        'delete from tip_history where seq <= (select seq from tip_history order by seq desc limit 1 offset ?)',
        TIP_HISTORY_SIZE,
      );
    }
  }

  /** Refunded goal tips leave the list: the recent tips are the ones that stand. */
  refunded(tipIds: string[]): number {
    return this.sql.exec(
      "delete from tip_history where json_extract(body, '$.id') in (select value from json_each(?))",
      JSON.stringify(tipIds),
    ).rowsWritten;
  }

  /** Oldest first, as `audience` may see them (a private note only for the performer). */
  recent(audience: Audience): TipEvent[] {
    return this.sql
      .exec<{ body: string }>(
        'select body from (select seq, body from tip_history order by seq desc limit ?) order by seq',
        TIP_HISTORY_SIZE,
      )
      .toArray()
      .map(
        (row) =>
          (
            eventFor({ kind: 'tip', tip: JSON.parse(row.body) as TipEvent }, audience) as Extract<
              RoomEvent,
              { kind: 'tip' }
            >
          ).tip,
      );
  }
}
