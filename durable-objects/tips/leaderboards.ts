import type { Leaderboard, Person, Tipper } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import type { CommittedTip } from './tip-desk.ts';

/**
 * Who tipped the most: in the current show (the leaderboard) and over the last 12 hours (the
 * king of the room, counted in whole hours). Totals are kept as running sums in the Room's
 * SQLite, so a busy room never rescans its tips: one row per tipper per show, and one per
 * tipper per hour. A retried tip is counted once (by its ledger id); anonymous tips are not
 * ranked, by the tipper's own choice. Both boards count tokens tipped after refunds: a goal tip
 * refunded when its goal is missed or ended is taken back out (refunded()).
 */
const HOUR_MS = 60 * 60 * 1000;
export const KING_WINDOW_HOURS = 12;
export const LEADERBOARD_SIZE = 5;

export class Leaderboards {
  private readonly sql: SqlStorage;
  /** The hour up to which old rows were last dropped (by this instance): once per hour is enough. */
  private prunedHour = 0;

  constructor(room: Pick<RoomContext, 'sql'>) {
    // Tables (room-migrations.ts): counted_tips, show_tippers, hourly_tippers, and ranked_tips
    // (where each ranked tip was counted, so a goal refund can take it back out).
    this.sql = room.sql;
  }

  /** A committed batch (tip-desk.ts), anonymous tips unranked; returns whether any tip changed the boards. */
  recordAll(tips: readonly CommittedTip[], live: boolean): boolean {
    return tips
      .map((t) => this.record(t.id, t.intent.anonymous ? null : t.intent.from, t.intent.amount, t.at, live))
      .some(Boolean);
  }

  /** Counts an accepted tip once; returns whether it changed the boards. */
  record(tipId: string, from: Person | null, amount: number, at: number, live: boolean): boolean {
    if (!from) return false;
    this.prune(at);
    if (this.sql.exec('insert or ignore into counted_tips (tip_id, at) values (?, ?)', tipId, at).rowsWritten === 0)
      return false;
    this.sql.exec(
      `insert into hourly_tippers (hour, handle, display_name, tokens) values (?, ?, ?, ?)
       on conflict (hour, handle) do update set tokens = tokens + excluded.tokens, display_name = ` +
        `excluded.display_name`,
      Math.floor(at / HOUR_MS),
      from.handle,
      from.displayName,
      amount,
    );
    const hour = Math.floor(at / HOUR_MS);
    this.sql.exec(
      'insert or ignore into ranked_tips (tip_id, handle, hour, amount, in_show) values (?, ?, ?, ?, ?)',
      tipId,
      from.handle,
      hour,
      amount,
      live ? 1 : 0,
    );
    if (live) {
      this.sql.exec(
        `insert into show_tippers (handle, display_name, tokens, first_at) values (?, ?, ?, ?)
         on conflict (handle) do update set tokens = tokens + excluded.tokens, display_name = excluded.display_name`,
        from.handle,
        from.displayName,
        amount,
        at,
      );
    }
    return true;
  }

  /** A new show starts with an empty board. */
  newShow(): void {
    this.sql.exec('delete from show_tippers');
    this.sql.exec('update ranked_tips set in_show = 0 where in_show = 1');
  }

  /**
   * Goal tips refunded to their tippers no longer count: the boards rank tokens tipped after
   * refunds. Each tip is taken out once; returns whether the boards changed.
   */
  refunded(tipIds: string[]): boolean {
    let moved = false;
    for (const tipId of tipIds) {
      const tip = this.sql
        .exec<{ handle: string; hour: number; amount: number; in_show: number }>(
          'select handle, hour, amount, in_show from ranked_tips where tip_id = ?',
          tipId,
        )
        .toArray()[0];
      if (!tip) continue;
      this.sql.exec(
        'update hourly_tippers set tokens = tokens - ? where hour = ? and handle = ?',
        tip.amount,
        tip.hour,
        tip.handle,
      );
      if (tip.in_show)
        this.sql.exec('update show_tippers set tokens = tokens - ? where handle = ?', tip.amount, tip.handle);
      this.sql.exec('delete from ranked_tips where tip_id = ?', tipId);
      moved = true;
    }
    if (moved) {
      this.sql.exec('delete from hourly_tippers where tokens <= 0');
      this.sql.exec('delete from show_tippers where tokens <= 0');
    }
    return moved;
  }

  /** A read only (every join asks): rows older than the window are skipped here and dropped on a write. */
  current(now = Date.now()): Leaderboard {
    const firstHour = Math.floor(now / HOUR_MS) - (KING_WINDOW_HOURS - 1);
    const show = this.sql
      .exec<{ handle: string; display_name: string; tokens: number }>(
        'select handle, display_name, tokens from show_tippers order by tokens desc, first_at limit ?',
        LEADERBOARD_SIZE,
      )
      .toArray()
      .map(toTipper);
    const king = this.sql
      .exec<{ handle: string; display_name: string; tokens: number }>(
        'select handle, max(display_name) as display_name, sum(tokens) as tokens from hourly_tippers where ' +
          'hour >= ? group by handle order by tokens desc, min(hour) limit 1',
        firstHour,
      )
      .toArray()
      .map(toTipper)[0];
    return { show, king: king ?? null };
  }

  /** Rows older than the window can no longer count toward anything: dropped once an hour, on a write. */
  private prune(now: number): void {
    const firstHour = Math.floor(now / HOUR_MS) - (KING_WINDOW_HOURS - 1);
    if (firstHour <= this.prunedHour) return;
    this.prunedHour = firstHour;
    this.sql.exec('delete from hourly_tippers where hour < ?', firstHour);
    this.sql.exec('delete from counted_tips where at < ?', firstHour * HOUR_MS);
    this.sql.exec('delete from ranked_tips where hour < ?', firstHour);
  }
}

function toTipper(row: { handle: string; display_name: string; tokens: number }): Tipper {
  return { handle: row.handle, displayName: row.display_name, tokens: row.tokens };
}
