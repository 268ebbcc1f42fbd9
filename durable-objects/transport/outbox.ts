import type { RoomEvent } from '../../wire/room.ts';
import { LocalSwitches } from '../local-only.ts';
import { type Audience, audienceOf } from '../tips/tip-rules.ts';
import type { EventLog, LoggedEvent } from './event-log.ts';
import { type Sockets, send } from './sockets.ts';

/**
 * Coalescing: everything logged during one tick goes out as ONE `events` frame per socket. A
 * frame is serialized once per audience (not once per socket), so a tick costs one
 * JSON.stringify per audience plus one send per socket, whatever the number of viewers.
 */
export const TICK_MS = 50;
const TRIM_EVERY_MS = 1_000;

export class Frames {
  private readonly logged: readonly LoggedEvent[];
  private readonly built = new Map<Audience, string>();

  constructor(logged: readonly LoggedEvent[]) {
    this.logged = logged;
  }

  /** One `events` frame, joined from the events' text as logged (nothing serialized again). */
  for(audience: Audience): string {
    let frame = this.built.get(audience);
    if (frame === undefined) {
      frame = eventsFrame(this.logged.map((e) => e.wire[audience]));
      this.built.set(audience, frame);
    }
    return frame;
  }
}

/** An `events` frame (ServerMessage) from events already in wire form (EventLog). */
export function eventsFrame(events: readonly string[]): string {
  return `{"type":"events","events":[${events.join(',')}]}`;
}

/**
 * Events logged but not yet sent. Each is in the event log before it is queued, so an event
 * that a restart keeps from being sent is still replayed to whoever reconnects with lastSeq.
 */
export class Outbox {
  private readonly sockets: Sockets;
  private readonly log: EventLog;
  private queued: LoggedEvent[] = [];
  private tick: ReturnType<typeof setTimeout> | undefined;
  private presenceMoved = false;
  private lastViewers: number | undefined;
  private lastTrim = 0;

  /** Told when the viewer count moves (the live directory follows it). */
  private readonly onViewers: (viewers: number) => void;
  private readonly bench: Readonly<LocalSwitches>;

  constructor(
    sockets: Sockets,
    log: EventLog,
    options: { onViewers?: (viewers: number) => void; bench?: Readonly<LocalSwitches> } = {},
  ) {
    this.sockets = sockets;
    this.log = log;
    this.onViewers = options.onViewers ?? (() => {});
    this.bench = options.bench ?? new LocalSwitches();
  }

  /** Whether a tick is waiting to go out (the test-only drain waits until it is not). */
  busy(): boolean {
    return this.tick !== undefined;
  }

  /** Numbers, stores and queues an event; a `ref` already logged is not repeated. */
  publish(event: RoomEvent, ref: string | null = null): LoggedEvent | undefined {
    const logged = this.log.append(event, Date.now(), ref);
    if (!logged) return undefined;
    // The bench's naive path (local-only.ts): one frame per event per socket, sent at once.
    if (this.bench.naive) {
      for (const ws of this.sockets.open()) {
        const me = this.sockets.of(ws);
        if (me.ready) send(ws, eventsFrame([logged.wire[audienceOf(me.identity.role)]]));
      }
      return logged;
    }
    this.queued.push(logged);
    this.schedule();
    return logged;
  }

  /** A socket came or went: the count is worked out once, at the next tick. */
  presenceChanged(): void {
    this.presenceMoved = true;
    this.schedule();
  }

  /** The viewer count as last broadcast, worked out afresh only after a wake-up. */
  viewers(): number {
    if (this.presenceMoved || this.lastViewers === undefined) return this.sockets.viewers();
    return this.lastViewers;
  }

  /**
   * The count as last broadcast, even while a new one is pending: a joining viewer's snapshot
   * uses it, and the presence event of the next tick corrects it. Counting costs a pass over
   * every socket, which a storm of joins must not pay once per join.
   */
  viewersAsShown(): number {
    return this.lastViewers ?? this.viewers();
  }

  /** Every ready socket has been sent everything up to this number (the rest is queued). */
  sentUpTo(): number {
    return this.queued[0] ? this.queued[0].seq - 1 : this.log.newest;
  }

  /**
   * One tick: the presence count if it moved, then one `events` frame per ready socket. A
   * joining socket's snapshot asks for the queued events only (`withPresence` false): the
   * count waits for its tick, so a storm of joins is not a storm of counts and broadcasts.
   */
  flush(withPresence = true): void {
    // Without the count, a pending tick stays as it is: joins must not keep postponing it.
    if (withPresence) {
      clearTimeout(this.tick);
      this.tick = undefined;
    }
    if (withPresence && this.presenceMoved) {
      this.presenceMoved = false;
      const viewers = this.sockets.viewers();
      if (viewers !== this.lastViewers) {
        this.lastViewers = viewers;
        this.onViewers(viewers);
        const logged = this.log.append({ kind: 'presence', viewers }, Date.now());
        if (logged) this.queued.push(logged);
      }
    }
    const events = this.queued;
    this.queued = [];
    if (events.length === 0) return;
    const frames = new Frames(events);
    for (const ws of this.sockets.open()) {
      const me = this.sockets.of(ws);
      // A socket whose peer is gone (a storm of drops) is skipped from now on, not thrown at every tick
      // until the runtime delivers its close.
      if (me.ready && !send(ws, frames.for(audienceOf(me.identity.role)))) this.gone(ws);
    }
    const now = Date.now();
    if (now - this.lastTrim >= TRIM_EVERY_MS) {
      this.lastTrim = now;
      this.log.trim(now);
    }
  }

  private gone(ws: WebSocket): void {
    this.sockets.markClosed(ws);
    this.presenceMoved = true;
    this.schedule();
  }

  private schedule(): void {
    this.tick ??= setTimeout(() => this.flush(), TICK_MS);
  }
}
