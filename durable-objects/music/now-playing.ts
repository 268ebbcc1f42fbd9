import { type NowPlaying, type PlayedTrack, RECENT_TRACKS, type Track, type TrackSource } from '../../wire/music.ts';
import { log } from '../../workers/log.ts';
import type { RoomContext } from '../room-context.ts';
import type { TrackListener, TrackMatch } from './track-listener.ts';

/** Rows kept: the current track, RECENT_TRACKS before it, and a few spare for rows still being shown. */
const KEPT_ROWS = RECENT_TRACKS + 5;

type Row = {
  seq: number;
  id: string;
  title: string;
  artist: string;
  at: number;
  request_id: string | null;
  requester: string | null;
  shown: number;
  cleared_at: number | null;
};
const COLUMNS = 'seq, id, title, artist, at, request_id, requester, shown, cleared_at';

export type NowPlayingRoom = Pick<RoomContext, 'sql' | 'now'> & { outbox: Pick<RoomContext['outbox'], 'publish'> };

/** What a play answers: the feed, and whether the track was already the current one (nothing changed). */
export type Played = { nowPlaying: NowPlaying; repeat: boolean };

/** The same track, as a DJ tool or a person would repeat it: case and spacing aside. */
export function sameTrack(a: Pick<Track, 'title' | 'artist'>, b: Pick<Track, 'title' | 'artist'>): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a.title) === norm(b.title) && norm(a.artist) === norm(b.artist);
}

/**
 * The room's now-playing feed, in the Room's SQLite (`played_tracks`): the newest shown row is the current
 * track unless the performer cleared it. A play is written first (`shown` 0), then the listeners are asked,
 * then the row is marked shown and the room told, in that order: a Room evicted in between leaves a row
 * that the resend of the same track finds and finishes, so a track is announced once and never lost.
 * Plays go one at a time (a listener may wait on D1, which lets the next call in), so two identical
 * posts at once are one play and one repeat.
 */
export class NowPlayingBoard {
  private readonly room: NowPlayingRoom;
  private readonly sql: SqlStorage;
  private cached: NowPlaying | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(room: NowPlayingRoom) {
    this.room = room;
    this.sql = room.sql;
  }

  /** The current track (null when none or cleared) and the ones before it, newest first. */
  feed(): NowPlaying {
    if (this.cached) return this.cached;
    const rows = this.sql
      .exec<Row>(`select ${COLUMNS} from played_tracks where shown = 1 order by seq desc limit ?`, RECENT_TRACKS + 1)
      .toArray();
    const [newest] = rows;
    const current = newest && newest.cleared_at === null ? playedTrack(newest) : null;
    const recent = rows.slice(current ? 1 : 0, (current ? 1 : 0) + RECENT_TRACKS).map(playedTrack);
    this.cached = { current, recent };
    return this.cached;
  }

  /** A track starts playing; a repeat of the current one changes nothing. `track` is already validated. */
  play(track: Track, source: TrackSource, listeners: readonly TrackListener[]): Promise<Played> {
    const next = this.queue.then(() => this.playNow(track, source, listeners));
    this.queue = next.catch(() => {});
    return next;
  }

  /** Nothing is playing now (the studio's clear button); the track joins the recent ones. Null if none was. */
  clear(): Promise<NowPlaying | null> {
    const next = this.queue.then(() => {
      const current = this.newestShown();
      if (!current || current.cleared_at !== null) return null;
      this.sql.exec('update played_tracks set cleared_at = ? where seq = ?', this.room.now(), current.seq);
      return this.announce(`track.cleared:${current.id}`);
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async playNow(track: Track, source: TrackSource, listeners: readonly TrackListener[]): Promise<Played> {
    let row = this.newest();
    if (row && row.cleared_at === null && sameTrack(row, track)) {
      if (row.shown === 1) return { nowPlaying: this.feed(), repeat: true };
      // Written by a Room that stopped before it told anyone: finished below.
    } else {
      row = this.insert(track, source);
    }
    const match = await this.ask(listeners, track, row.id);
    this.sql.exec(
      'update played_tracks set request_id = ?, requester = ?, shown = 1 where seq = ?',
      match?.requestId ?? null,
      match?.requester ?? null,
      row.seq,
    );
    return { nowPlaying: this.announce(`track:${row.id}`), repeat: false };
  }

  private insert(track: Track, source: TrackSource): Row {
    const row = this.sql
      .exec<Row>(
        `insert into played_tracks (id, title, artist, source, at, shown) values (?, ?, ?, ?, ?, 0)
           returning ${COLUMNS}`,
        crypto.randomUUID(),
        track.title,
        track.artist,
        source,
        this.room.now(),
      )
      .one();
    this.sql.exec(
      'delete from played_tracks where seq <= (select seq from played_tracks order by seq desc limit 1 offset ?)',
      KEPT_ROWS,
    );
    return row;
  }

  /**
   * The first listener's match is the one kept; the others are still told (each may keep its own record). A
   * listener that fails is logged and passed over: the room still sees the track.
   */
  private async ask(listeners: readonly TrackListener[], track: Track, playId: string): Promise<TrackMatch | null> {
    let kept: TrackMatch | null = null;
    for (const listener of listeners) {
      try {
        const match = await listener(track, { id: playId });
        kept ??= match;
      } catch (error) {
        log('error', 'room.track.listener_failed', { play: playId, error: String(error) });
      }
    }
    return kept;
  }

  /** The room sees the whole feed; `ref` keeps the same change from being announced twice. */
  private announce(ref: string): NowPlaying {
    this.cached = undefined;
    const nowPlaying = this.feed();
    this.room.outbox.publish({ kind: 'track', nowPlaying }, ref);
    return nowPlaying;
  }

  private newest(): Row | undefined {
    return this.sql.exec<Row>(`select ${COLUMNS} from played_tracks order by seq desc limit 1`).toArray()[0];
  }

  private newestShown(): Row | undefined {
    return this.sql
      .exec<Row>(`select ${COLUMNS} from played_tracks where shown = 1 order by seq desc limit 1`)
      .toArray()[0];
  }
}

function playedTrack(row: Row): PlayedTrack {
  return {
    title: row.title,
    artist: row.artist,
    at: row.at,
    request: row.request_id === null ? null : { id: row.request_id, requester: row.requester },
  };
}
