import type { RoomContext } from '../room-context.ts';

/** How long a tip's first check is remembered for its resends (as the tip menu's checks). */
const MEMORY_MS = 24 * 60 * 60 * 1000;

/** A tip the Room itself refused (offline room, a menu price that did not match). */
export type RoomRefusal = { reason: 'ROOM_OFFLINE' | 'INVALID'; message: string };

/**
 * What each tip was checked against when its client id first arrived: the room was live, and
 * the escrowed goal it goes to; or that the Room refused it. A resend (lost answer, reconnect,
 * several tabs) is the same tip even if the show ended, started or the goal changed meanwhile,
 * so it carries the same ledger entries and gets the first answer: a client id names one attempt.
 */
export class TipRoutes {
  private readonly sql: SqlStorage;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  first(tipKey: string): { goalId: string | undefined; refusal: RoomRefusal | undefined } | undefined {
    const row = this.sql
      .exec<{ goal_id: string | null; refusal: string | null }>(
        'select goal_id, refusal from tip_routes where key = ?',
        tipKey,
      )
      .toArray()[0];
    return row
      ? {
          goalId: row.goal_id ?? undefined,
          refusal: row.refusal ? (JSON.parse(row.refusal) as RoomRefusal) : undefined,
        }
      : undefined;
  }

  /** The Room refused this tip: its resends get the same refusal, whatever the room is like by then. */
  refuse(tipKey: string, refusal: RoomRefusal, now: number): RoomRefusal {
    this.sql.exec(
      'insert into tip_routes (key, goal_id, at, refusal) values (?, null, ?, ?) on conflict (key) do nothing',
      tipKey,
      now,
      JSON.stringify(refusal),
    );
    return refusal;
  }

  remember(tipKey: string, goalId: string | undefined, now: number): string | undefined {
    this.sql.exec('delete from tip_routes where at < ?', now - MEMORY_MS);
    this.sql.exec(
      'insert into tip_routes (key, goal_id, at) values (?, ?, ?) on conflict (key) do nothing',
      tipKey,
      goalId ?? null,
      now,
    );
    return goalId;
  }
}
