import { z } from 'zod';
import { NO_MEDIA, type RoomMedia, RoomTrack } from '../../wire/media.ts';
import type { RoomContext } from '../room-context.ts';

/**
 * What the room has on air: the performer's SFU session and the names of its tracks, kept in
 * the Room's SQLite (meta 'media') so a restart keeps the show's picture. Viewers learn the
 * track names (never the session: the Worker looks it up here when they pull), in the welcome
 * snapshot and in `media` events. A publisher that dies without saying so is found by the
 * alarm: no performer socket for a while, or the SFU no longer has a live track.
 */
export const Publisher = z.object({
  sessionId: z.string(),
  publication: z.string(),
  tracks: z.array(RoomTrack),
  since: z.number(),
});
export type Publisher = z.infer<typeof Publisher>;

/** How often the Room checks a publisher while on air, and how long the performer may be gone. */
export const MEDIA_CHECK_MS = 10_000;
export const PUBLISHER_GRACE_MS = 20_000;

export class MediaTracks {
  private readonly sql: SqlStorage;
  private cached: Publisher | null | undefined;
  /** When the Room first noticed no performer socket; in memory only (a restart starts over). */
  private missingSince: number | null = null;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  publisher(): Publisher | null {
    if (this.cached === undefined) {
      const row = this.sql.exec<{ value: string }>("select value from meta where key = 'media'").toArray()[0];
      const parsed = row ? Publisher.safeParse(JSON.parse(row.value)) : null;
      this.cached = parsed?.success ? parsed.data : null;
    }
    return this.cached;
  }

  onAir(): RoomMedia {
    const p = this.publisher();
    return p ? { publication: p.publication, tracks: p.tracks } : NO_MEDIA;
  }

  start(publisher: Publisher): void {
    this.sql.exec(
      "insert into meta (key, value) values ('media', ?) on conflict (key) do update set value = excluded.value",
      JSON.stringify(publisher),
    );
    this.cached = publisher;
    this.missingSince = null;
  }

  /** Clears what is on air; with a session id, only if that session is still the one on air. */
  stop(sessionId?: string): Publisher | null {
    const current = this.publisher();
    if (!current || (sessionId !== undefined && current.sessionId !== sessionId)) return null;
    this.sql.exec("delete from meta where key = 'media'");
    this.cached = null;
    this.missingSince = null;
    return current;
  }

  /** Whether the publisher counts as gone: no performer socket for the grace period. */
  performerGone(performerSockets: number, now: number): boolean {
    if (performerSockets > 0) {
      this.missingSince = null;
      return false;
    }
    this.missingSince ??= now;
    return now - this.missingSince >= PUBLISHER_GRACE_MS;
  }
}

/**
 * Whether a signed-in user may watch: not while banned from the room (the moderation tables,
 * `restrictions`, room-migrations.ts; a ban has no end, or an end still ahead).
 */
export function isBannedFromRoom(sql: SqlStorage, userId: string, now: number): boolean {
  const rows = sql
    .exec<{ n: number }>(
      "select count(*) as n from restrictions where user_id = ? and kind = 'banned' and (until is null or until > ?)",
      userId,
      now,
    )
    .toArray();
  return (rows[0]?.n ?? 0) > 0;
}
