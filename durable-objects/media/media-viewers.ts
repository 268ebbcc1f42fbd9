import { log } from '../../workers/log.ts';
import { CallsClient } from '../../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../../workers/realtime/config.ts';
import { isBlocked, type RequestPlace } from '../../workers/safety/geo.ts';
import type { RoomContext } from '../room-context.ts';

/** A viewer's SFU session pulling this room's tracks: who, from where, and the mids to close. */
export type MediaViewer = RequestPlace & { sessionId: string; userId: string | null; mids: string[] };

/** A viewer's media grant lasts a day (workers/realtime/media-token.ts); an older row guards nothing. */
const KEEP_MS = 24 * 3600 * 1000;

type Row = { session_id: string; mids: string };
type PlacedRow = Row & { country: string | null; region: string | null };

/**
 * The SFU keeps forwarding to a session until its tracks are closed, whatever happens in the
 * room, and a viewer's grant lasts a day. So the Room remembers each viewer's session (the watch
 * route tells it), and a ban, a suspension or a new geo-block closes the sessions it covers at the
 * SFU at once; later calls on a session the Room no longer holds are refused (the media routes ask).
 */
export class MediaViewers {
  private readonly sql: SqlStorage;
  private readonly env: Env;

  constructor(room: Pick<RoomContext, 'sql' | 'env'>) {
    this.sql = room.sql;
    this.env = room.env;
  }

  add(viewer: MediaViewer, now: number): void {
    this.sql.exec('delete from media_viewers where at < ?', now - KEEP_MS);
    this.sql.exec(
      'insert into media_viewers (session_id, user_id, country, region, mids, at) values (?, ?, ?, ?, ?, ?) ' +
        'on conflict (session_id) do nothing',
      viewer.sessionId,
      viewer.userId,
      viewer.country,
      viewer.region,
      JSON.stringify(viewer.mids),
      now,
    );
  }

  holds(sessionId: string): boolean {
    return this.sql.exec('select 1 from media_viewers where session_id = ?', sessionId).toArray().length > 0;
  }

  forget(sessionId: string): void {
    this.sql.exec('delete from media_viewers where session_id = ?', sessionId);
  }

  /** The show ended: its viewers' sessions pull tracks that are gone, and renegotiating them is refused. */
  clear(): void {
    this.sql.exec('delete from media_viewers');
  }

  /** Closes every session of `userId` (banned, suspended); returns how many. */
  endUser(userId: string): Promise<number> {
    return this.end(
      this.sql.exec<Row>('delete from media_viewers where user_id = ? returning session_id, mids', userId).toArray(),
    );
  }

  /**
   * A private or group show started: every session but those of `keep` (its seats) is closed; the room's
   * `shows` event tells those pages to show the placeholder, and they pull again when it ends.
   */
  endAllBut(keep: readonly string[]): Promise<number> {
    const rows = this.sql
      .exec<Row & { user_id: string | null }>('select session_id, mids, user_id from media_viewers')
      .toArray();
    const gone = rows.filter((r) => r.user_id === null || !keep.includes(r.user_id));
    for (const row of gone) this.forget(row.session_id);
    return this.end(gone);
  }

  /** Closes every session watching from a place `blocked` names; returns how many. */
  endPlaces(blocked: readonly string[]): Promise<number> {
    if (blocked.length === 0) return Promise.resolve(0);
    const rows = this.sql
      .exec<PlacedRow>('select session_id, mids, country, region from media_viewers where country is not null')
      .toArray();
    const gone = rows.filter((r) => isBlocked(blocked, r.country, r.region));
    for (const row of gone) this.forget(row.session_id);
    return this.end(gone);
  }

  /**
   * Closes the sessions' tracks at the SFU (force: no renegotiation, the page is not asked). The
   * rows are already gone, so the page cannot renegotiate them back even if the SFU was not
   * reached; a session the SFU no longer knows is closed already.
   */
  private async end(rows: Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const calls = new CallsClient(realtimeConfig(this.env));
    await Promise.all(
      rows.map(async (row) => {
        try {
          await calls.closeTracks(row.session_id, JSON.parse(row.mids) as string[]);
        } catch (error) {
          log('warn', 'room.media.viewer_close_failed', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
    return rows.length;
  }
}
