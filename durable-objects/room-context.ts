import type { Alarms } from './alarms.ts';
import type { RoomOwner } from './transport/identity.ts';
import type { Outbox } from './transport/outbox.ts';
import type { Sockets } from './transport/sockets.ts';

/**
 * What the Room's helpers share, built once by the Room: each helper takes it (or the part of it it
 * uses, as a `Pick`) as its first constructor argument, and only its own collaborators after it. A new
 * feature reaches storage, D1, the sockets and the alarm through here rather than through new callbacks.
 */
export type RoomContext = {
  /** The Room's SQLite; its tables change only through room-migrations.ts. */
  readonly sql: SqlStorage;
  readonly db: D1Database;
  readonly env: Env;
  readonly sockets: Sockets;
  readonly outbox: Outbox;
  /** The one alarm, shared by every job (alarms.ts). */
  readonly alarms: Alarms;
  /** The performer whose room this is, as the Worker last said; undefined in a Room no one has opened. */
  readonly owner: () => RoomOwner | undefined;
  /** The Room's clock, in epoch milliseconds (on the local stack a test may move it ahead: local-only.ts). */
  readonly now: () => number;
  /** Keeps the Room alive for work nobody awaits (a directory write off the hot path, a presence check). */
  readonly waitUntil: (work: Promise<unknown>) => void;
};
