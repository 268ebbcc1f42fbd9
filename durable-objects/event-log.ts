import type { RoomEvent, SequencedEvent } from '../wire/room.ts';

/**
 * The room's numbered event stream, kept in its SQLite so a reconnecting client can be given
 * exactly what it missed, even after the Room restarted. Bounded: an event is dropped only
 * once it is both older than RETAIN_MS and more than RETAIN_EVENTS behind the newest, and
 * never more than HARD_CAP events are kept whatever their age.
 */
export const RETAIN_EVENTS = 1_000;
export const RETAIN_MS = 5 * 60_000;
export const HARD_CAP = 50_000;
/** A longer gap is answered with a fresh snapshot: one frame of missed events must stay small. */
export const MAX_REPLAY = 2_000;

export type ReplayPlan = { kind: 'none' } | { kind: 'replay' } | { kind: 'reset' };

/** What a client that saw up to `lastSeq` needs, given the oldest and newest logged numbers. */
export function replayPlan(lastSeq: number, oldest: number | undefined, newest: number): ReplayPlan {
  if (lastSeq === newest) return { kind: 'none' };
  // A number from the future means the client knew another life of this room: start over.
  if (lastSeq > newest || oldest === undefined) return { kind: 'reset' };
  if (lastSeq + 1 < oldest || newest - lastSeq > MAX_REPLAY) return { kind: 'reset' };
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

export class EventLog {
  private readonly sql: SqlStorage;
  /** Cached; the table is the truth. The newest event is never trimmed, so max(seq) survives. */
  newest: number;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    this.newest = sql.exec<{ n: number | null }>('select max(seq) as n from events').one().n ?? 0;
  }

  /** Numbers and stores an event; with a `ref` already logged, stores nothing and returns undefined. */
  append(event: RoomEvent, now: number, ref: string | null = null): SequencedEvent | undefined {
    const seq = this.newest + 1;
    // One statement per event (this is the hot path of every tip and chat): a ref already logged
    // makes the unique index refuse the row, and the number is not used.
    if (this.sql.exec('insert or ignore into events (seq, at, ref, body) values (?, ?, ?, ?)', seq, now, ref, JSON.stringify(event)).rowsWritten === 0) return undefined;
    this.newest = seq;
    return { seq, event };
  }

  /** Exactly the events after `lastSeq`, in order, or undefined when they are no longer all here. */
  since(lastSeq: number): SequencedEvent[] | undefined {
    const oldest = this.sql.exec<{ n: number | null }>('select min(seq) as n from events').one().n ?? undefined;
    const plan = replayPlan(lastSeq, oldest, this.newest);
    if (plan.kind === 'none') return [];
    if (plan.kind === 'reset') return undefined;
    return this.sql
      .exec<{ seq: number; body: string }>('select seq, body from events where seq > ? order by seq', lastSeq)
      .toArray()
      .map((row) => ({ seq: row.seq, event: JSON.parse(row.body) as RoomEvent }));
  }

  /** Scans only the doomed rows (oldest first) and deletes by primary key range. */
  trim(now: number): void {
    if (this.newest <= RETAIN_EVENTS) return;
    const first = this.sql.exec<{ seq: number }>('select seq from events where at >= ? order by seq limit 1', now - RETAIN_MS).toArray()[0];
    const cut = trimCut(this.newest, first?.seq);
    if (cut > 0) this.sql.exec('delete from events where seq <= ?', cut);
  }
}
