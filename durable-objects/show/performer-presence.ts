import type { RoomContext } from '../room-context.ts';
/**
 * Whether the performer is still with their live show: a socket of theirs is open, or their
 * camera is on air. A show whose performer has been away for SHOW_GRACE_MS ends on its own (a
 * closed browser says no goodbye), and one who comes back within it keeps the show (a network
 * blip, a reload). When they left is kept in the Room's SQLite (meta 'performer_away'), so a
 * restart keeps counting from the same moment.
 */
export const SHOW_GRACE_MS = 60_000;

export type PresenceCheck = { end: boolean; next: number };

export class PerformerPresence {
  private readonly sql: SqlStorage;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  awaySince(): number | null {
    const row = this.sql.exec<{ value: string }>("select value from meta where key = 'performer_away'").toArray()[0];
    return row ? Number(row.value) : null;
  }

  /** Starts the clock over (the performer is here, or the show ended). */
  reset(): void {
    this.sql.exec("delete from meta where key = 'performer_away'");
  }

  /**
   * Whether the show should end now, and when to look again: a grace period after they left,
   * or, while they are here, a grace period from now (a restart can lose the close of their
   * socket, so the Room keeps looking while it is live).
   */
  check(here: boolean, now: number): PresenceCheck {
    if (here) {
      this.reset();
      return { end: false, next: now + SHOW_GRACE_MS };
    }
    this.sql.exec(
      "insert into meta (key, value) values ('performer_away', ?) on conflict (key) do nothing",
      String(now),
    );
    const since = this.awaySince() ?? now;
    return { end: now - since >= SHOW_GRACE_MS, next: since + SHOW_GRACE_MS };
  }
}
