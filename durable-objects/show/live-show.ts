import type { RoomContext } from '../room-context.ts';
import type { RoomOwner } from '../transport/identity.ts';

/**
 * Whether the room is live, with the show's title and tags, kept in the Room's SQLite, and the
 * live directory row in D1 that mirrors it. Viewer counts reach D1 at most every few seconds
 * (with a trailing write), so a busy room's comings and goings cost D1 almost nothing.
 */
export type Show = { title: string; tags: string[]; startedAt: number; peakViewers?: number };
/** What the studio's summary after End show needs from the Room; tips and follows come from D1. */
export type EndedShow = { title: string; startedAt: number; endedAt: number; peakViewers: number };

const DIRECTORY_EVERY_MS = 5_000;

export class LiveShow {
  private readonly room: Pick<RoomContext, 'sql' | 'db' | 'env' | 'now' | 'waitUntil'>;
  private readonly db: D1Database;
  private cached: Show | null | undefined;
  private lastWrite = 0;
  private trailing: ReturnType<typeof setTimeout> | undefined;
  private viewers = 0;

  constructor(room: Pick<RoomContext, 'sql' | 'db' | 'env' | 'now' | 'waitUntil'>) {
    this.room = room;
    this.db = room.db;
  }

  current(): Show | null {
    if (this.cached === undefined) {
      const row = this.room.sql.exec<{ value: string }>("select value from meta where key = 'show'").toArray()[0];
      this.cached = row ? (JSON.parse(row.value) as Show) : null;
    }
    return this.cached;
  }

  async start(owner: RoomOwner, title: string, tags: string[], viewers: number): Promise<Show> {
    // Going live again while live updates the title and tags and keeps the start time.
    const before = this.current();
    const show: Show = {
      title,
      tags,
      startedAt: before?.startedAt ?? this.room.now(),
      peakViewers: Math.max(before?.peakViewers ?? 0, viewers),
    };
    this.save(show);
    this.viewers = viewers;
    const now = this.room.now();
    await this.db
      .prepare(
        `insert into live_rooms (performer_id, handle, title, tags, viewers, started_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (performer_id) do update set handle = excluded.handle, title = excluded.title,
           tags = excluded.tags, viewers = excluded.viewers, updated_at = excluded.updated_at`,
      )
      .bind(owner.performerId, owner.handle, title, JSON.stringify(tags), viewers, show.startedAt, now)
      .run();
    this.lastWrite = now;
    return show;
  }

  async stop(owner: RoomOwner): Promise<void> {
    const show = this.current();
    // Kept for the studio's summary after End show (the latest show only).
    if (show) {
      const ended: EndedShow = {
        title: show.title,
        startedAt: show.startedAt,
        endedAt: this.room.now(),
        peakViewers: Math.max(show.peakViewers ?? 0, this.viewers),
      };
      this.setMeta('last_show', JSON.stringify(ended));
    }
    this.room.sql.exec("delete from meta where key = 'show'");
    this.cached = null;
    clearTimeout(this.trailing);
    this.trailing = undefined;
    const gone = await this.db
      .prepare('delete from live_rooms where performer_id = ? returning thumbnail_key')
      .bind(owner.performerId)
      .all<{ thumbnail_key: string | null }>();
    // The stream's last thumbnail goes with it (an offline room shows its avatar); a failed delete only leaves
    // an object nothing links to or serves (the media route serves current thumbnails only).
    const thumbnail = gone.results[0]?.thumbnail_key;
    if (thumbnail) await this.room.env.MEDIA.delete(thumbnail).catch(() => undefined);
  }

  /** The show that ended last, or null before any. */
  lastShow(): EndedShow | null {
    const row = this.room.sql.exec<{ value: string }>("select value from meta where key = 'last_show'").toArray()[0];
    return row ? (JSON.parse(row.value) as EndedShow) : null;
  }

  private save(show: Show): void {
    this.setMeta('show', JSON.stringify(show));
    this.cached = show;
  }

  private setMeta(key: string, value: string): void {
    this.room.sql.exec(
      'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      key,
      value,
    );
  }

  /** The viewer count moved: tell the directory now, or once the quiet period is over. */
  viewersMoved(owner: RoomOwner | undefined, viewers: number): void {
    this.viewers = viewers;
    // The peak is stored only when it rises, so an evicted Room keeps it and comings and goings cost nothing.
    const show = this.current();
    if (show && viewers > (show.peakViewers ?? 0)) this.save({ ...show, peakViewers: viewers });
    if (!owner || !this.current() || this.trailing) return;
    const wait = this.lastWrite + DIRECTORY_EVERY_MS - this.room.now();
    const write = () => {
      this.trailing = undefined;
      this.lastWrite = this.room.now();
      this.room.waitUntil(
        this.db
          .prepare('update live_rooms set viewers = ?, updated_at = ? where performer_id = ?')
          .bind(this.viewers, this.lastWrite, owner.performerId)
          .run(),
      );
    };
    if (wait <= 0) write();
    else this.trailing = setTimeout(write, wait);
  }
}
