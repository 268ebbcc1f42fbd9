import type { RoomEvent, SequencedEvent } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import { type Audience, eventFor } from '../tips/tip-rules.ts';

/**
 * The room's numbered event stream, kept in its SQLite so a reconnecting client can be given
 * exactly what it missed, even after the Room restarted. A gap is replayed whenever the log
 * still holds it, however long (the protocol's `reset` means only "no longer in the log").
 * Bounded: an event is dropped only once it is both older than RETAIN_MS and more than
 * RETAIN_EVENTS behind the newest, and never more than HARD_CAP events are kept whatever their
 * age. HARD_CAP is the busiest minute a room can have: 1,000 events/s for 60 s (chat is capped
 * at one message a second per user, and one Room fans out far fewer events than that to an
 * audience: see bench:room), so a viewer who blinks even then comes back to a replay.
 */
export const RETAIN_EVENTS = 1_000;
export const RETAIN_MS = 5 * 60_000;
export const HARD_CAP = 60_000;

export type ReplayPlan = { kind: 'none' } | { kind: 'replay' } | { kind: 'reset' };

/** What a client that saw up to `lastSeq` needs, given the oldest and newest logged numbers. */
export function replayPlan(lastSeq: number, oldest: number | undefined, newest: number): ReplayPlan {
  if (lastSeq === newest) return { kind: 'none' };
  // A number from the future means the client knew another life of this room: start over.
  if (lastSeq > newest || oldest === undefined) return { kind: 'reset' };
  if (lastSeq + 1 < oldest) return { kind: 'reset' };
  return { kind: 'replay' };
}

/**
 * The newest seq to drop. Events are logged in time order, so the first event young enough to
 * keep by age (`firstRecent`) splits the log; the count rule and the hard cap then move the cut.
 */
export function trimCut(newest: number, firstRecent: number | undefined): number {
  const byAge = (firstRecent ?? newest + 1) - 1;
  return Math.max(newest - HARD_CAP, Math.min(newest - RETAIN_EVENTS, byAge));
}

/** An event as it goes on the wire (`{"seq":…,"event":…}`), serialized once, for each audience. */
export type LoggedEvent = SequencedEvent & { wire: Record<Audience, string> };

function wireOf(seq: number, body: string): string {
  return `{"seq":${seq},"event":${body}}`;
}

export class EventLog {
  private readonly sql: SqlStorage;
  /** Cached; the table is the truth. The newest event is never trimmed, so max(seq) survives. */
  private last: number | undefined;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  /** Read on first use, not in the constructor: the Room's storage is migrated after it is built. */
  get newest(): number {
    this.last ??= this.sql.exec<{ n: number | null }>('select max(seq) as n from events').one().n ?? 0;
    return this.last;
  }

  /** Numbers and stores an event; with a `ref` already logged, stores nothing and returns undefined. */
  append(event: RoomEvent, now: number, ref: string | null = null): LoggedEvent | undefined {
    const seq = this.newest + 1;
    const body = JSON.stringify(event);
    // What everyone but the performer sees, stored only when it differs (a private tip's note).
    const shown = eventFor(event, 'public');
    const publicBody = shown === event ? null : JSON.stringify(shown);
    // One statement per event (this is the hot path of every tip and chat): a ref already logged
    // makes the unique index refuse the row, and the number is not used.
    if (
      this.sql.exec(
        'insert or ignore into events (seq, at, ref, body, public_body) values (?, ?, ?, ?, ?)',
        seq,
        now,
        ref,
        body,
        publicBody,
      ).rowsWritten === 0
    )
      return undefined;
    this.last = seq;
    return { seq, event, wire: { performer: wireOf(seq, body), public: wireOf(seq, publicBody ?? body) } };
  }

  /**
   * Exactly the events after `lastSeq` up to `upTo`, in order, as ready-to-send text for
   * `audience` (stored bodies are sent as stored: no parse, no re-serialize), or undefined when
   * they are no longer all here.
   */
  replay(lastSeq: number, upTo: number, audience: Audience): string[] | undefined {
    const oldest = this.sql.exec<{ n: number | null }>('select min(seq) as n from events').one().n ?? undefined;
    const plan = replayPlan(lastSeq, oldest, upTo);
    if (plan.kind === 'none') return [];
    if (plan.kind === 'reset') return undefined;
    const column = audience === 'performer' ? 'body' : 'coalesce(public_body, body)';
    return this.sql
      .exec<{ seq: number; body: string }>(
        `select seq, ${column} as body from events where seq > ? and seq <= ? order by seq`,
        lastSeq,
        upTo,
      )
      .toArray()
      .map((row) => wireOf(row.seq, row.body));
  }

  /** Scans only the doomed rows (oldest first) and deletes by primary key range. */
  trim(now: number): void {
    if (this.newest <= RETAIN_EVENTS) return;
    const first = this.sql
      .exec<{ seq: number }>('select seq from events where at >= ? order by seq limit 1', now - RETAIN_MS)
      .toArray()[0];
    const cut = trimCut(this.newest, first?.seq);
    if (cut > 0) this.sql.exec('delete from events where seq <= ?', cut);
  }
}
