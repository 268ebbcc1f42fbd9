import { SHOW_SEAT_GRACE_MS } from '../../wire/show-limits.ts';
import { log } from '../../workers/log.ts';
import type { RoomContext } from '../room-context.ts';
import { activeSeats, BILLED, type ShowRow } from './show-rows.ts';
import type { ShowStage } from './show-stage.ts';

/** Meta keys: `show_away:<show id>:<user id or 'performer'>` = when they were first seen gone (Room clock). */
const AWAY = 'show_away:';
const PERFORMER = 'performer';

/**
 * Who is still with the running show. A seat holder with no open socket in the Room, or a performer with
 * neither a socket nor a camera on air, is away from the moment that was first seen (kept in the Room's
 * SQLite, so a restart counts from the same moment). Back within the grace, nothing happened (a reload keeps
 * the seat); past it, the seat ends as if they had ended it at that moment: 'left' for a seat (the private
 * viewer's ends the show), 'offline' for the performer. Looked at whenever a socket opens or closes and on
 * every run of the 'shows' alarm job, which is also set for the end of each grace.
 */
export class SeatPresence {
  private readonly room: RoomContext;
  private readonly stage: ShowStage;
  private readonly cameraOn: () => boolean;

  constructor(room: RoomContext, stage: ShowStage, cameraOn: () => boolean) {
    this.room = room;
    this.stage = stage;
    this.cameraOn = cameraOn;
  }

  /** A socket opened or closed: looked at now (after the socket's own handling, never failing it). */
  moved(): void {
    if (!this.running()) return;
    this.room.waitUntil(
      this.check().catch((error: unknown) => log('error', 'room.show.presence_failed', { error: String(error) })),
    );
  }

  /** When the performer was first seen away from the running show, if they are away now. */
  performerAwaySince(): number | undefined {
    const show = this.running();
    return show ? this.since(show.id, PERFORMER) : undefined;
  }

  async check(): Promise<void> {
    const show = this.running();
    const { sql, sockets } = this.room;
    const now = this.room.now();
    if (!show) {
      sql.exec(`delete from meta where key like '${AWAY}%'`);
      return;
    }
    const grace = SHOW_SEAT_GRACE_MS;
    const seats = activeSeats(sql, show.id).filter((s) => BILLED.includes(s.role));
    this.forgetOthers(show.id, [PERFORMER, ...seats.map((s) => s.user_id)]);
    const performerHere = sockets.open(show.performer_id).length > 0 || this.cameraOn();
    const performerAway = this.mark(show.id, PERFORMER, performerHere, now);
    if (performerAway !== undefined && now - performerAway >= grace) {
      log('info', 'room.show.performer_left', { show: show.id, awaySince: performerAway });
      this.stage.endShow(show, 'offline', performerAway);
      return this.check();
    }
    const next: number[] = performerAway === undefined ? [] : [performerAway + grace];
    for (const seat of seats) {
      const away = this.mark(show.id, seat.user_id, sockets.open(seat.user_id).length > 0, now);
      if (away === undefined) continue;
      if (now - away < grace) {
        next.push(away + grace);
        continue;
      }
      log('info', 'room.show.seat_left', { show: show.id, role: seat.role, awaySince: away });
      if (seat.role === 'viewer') {
        this.stage.endShow(show, 'left', away);
        return this.check();
      }
      this.stage.endSeat(show, seat, 'left', true, away);
      this.forget(show.id, seat.user_id);
    }
    if (next.length > 0) await this.room.alarms.schedule('shows', Math.min(...next));
  }

  private running(): ShowRow | undefined {
    return this.room.sql.exec<ShowRow>("select * from shows where phase = 'running' limit 1").toArray()[0];
  }

  /** Here: no longer away. Gone: away since the first time seen gone. Returns that time, if away. */
  private mark(showId: string, who: string, here: boolean, now: number): number | undefined {
    if (here) {
      this.forget(showId, who);
      return undefined;
    }
    this.room.sql.exec(
      'insert into meta (key, value) values (?, ?) on conflict (key) do nothing',
      `${AWAY}${showId}:${who}`,
      String(now),
    );
    return this.since(showId, who);
  }

  private since(showId: string, who: string): number | undefined {
    const row = this.room.sql
      .exec<{ value: string }>('select value from meta where key = ?', `${AWAY}${showId}:${who}`)
      .toArray()[0];
    return row ? Number(row.value) : undefined;
  }

  private forget(showId: string, who: string): void {
    this.room.sql.exec('delete from meta where key = ?', `${AWAY}${showId}:${who}`);
  }

  /** Away times of anyone no longer in the running show go (a seat that ended, a show before this one). */
  private forgetOthers(showId: string, keep: string[]): void {
    const keys = new Set(keep.map((who) => `${AWAY}${showId}:${who}`));
    for (const { key } of this.room.sql
      .exec<{ key: string }>(`select key from meta where key like '${AWAY}%'`)
      .toArray())
      if (!keys.has(key)) this.room.sql.exec('delete from meta where key = ?', key);
  }
}
