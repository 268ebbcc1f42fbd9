import { type MediaTrack, MediaTrack as MediaTrackShape } from '../../wire/media.ts';
import { accepted, type RoomResult, refused } from '../../wire/room-result.ts';
import { log } from '../../workers/log.ts';
import { CallsClient } from '../../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../../workers/realtime/config.ts';
import type { RoomContext } from '../room-context.ts';
import { type SeatRow, type ShowRow, seatOf, showOf } from './show-rows.ts';

/** The private viewer's camera at the SFU, as their seat keeps it. */
export type CamPublisher = { sessionId: string; publication: string; tracks: MediaTrack[] };

/** A performer's SFU session pulling the viewer's camera (the cam pull route tells the Room). */
export type CamPull = { sessionId: string; showId: string; userId: string; mids: string[] };

/**
 * Cam-to-cam: the paying viewer of a running private show (or video session) whose performer allows it
 * publishes their camera; only that show's performer pulls it, and only while the viewer's camera is on
 * (`show.cam`, which the per-minute charge adds `cam_rate` for). The SFU forwards to a session until its
 * tracks are closed, so the Room keeps the viewer's session on the seat and the performer's pulls in
 * `show_cam_pulls`; turning the camera off, unpublishing or the seat ending forgets both and closes them.
 */
export class ShowCam {
  private readonly room: RoomContext;

  constructor(room: RoomContext) {
    this.room = room;
  }

  /** Whether `userId` may publish a camera into `showId`: its paying viewer, while it runs with cam allowed. */
  mayPublish(userId: string, showId: string): RoomResult<{ show: ShowRow; seat: SeatRow }> {
    const show = showOf(this.room.sql, showId);
    if (show?.phase !== 'running') return refused(404, 'NOT_FOUND', 'No such show running');
    const seat = seatOf(this.room.sql, show.id, userId);
    if (seat?.role !== 'viewer' || seat.ended_at !== null)
      return refused(403, 'FORBIDDEN', 'Only the show’s paying viewer may turn on a camera in it');
    if (!show.cam_allowed) return refused(403, 'FORBIDDEN', 'Cam-to-cam is not offered in this show');
    return accepted({ show, seat });
  }

  /**
   * The viewer's camera is at the SFU: kept on the seat (a republish replaces the last one, whose session
   * is closed). Refused if the seat ended while the SFU was setting up; the route then closes it.
   */
  published(userId: string, showId: string, publisher: CamPublisher): RoomResult<null> {
    const may = this.mayPublish(userId, showId);
    if (!may.ok) return may;
    const { show, seat } = may.value;
    const before = publisherOf(seat);
    this.room.sql.exec(
      'update show_seats set cam_session = ?, cam_publication = ?, cam_tracks = ? where show_id = ? and user_id = ?',
      publisher.sessionId,
      publisher.publication,
      JSON.stringify(publisher.tracks),
      show.id,
      userId,
    );
    if (before && before.sessionId !== publisher.sessionId) this.close(before, this.pullsOf(show.id));
    if (seat.cam_on) this.tellPerformer(show, publisher.publication);
    return accepted(null);
  }

  /** The viewer turned the camera on or off (`show.cam`, already written): off forgets it at once. */
  switched(show: ShowRow, userId: string, on: boolean): void {
    const seat = seatOf(this.room.sql, show.id, userId);
    if (!seat) return;
    if (!on) this.forget(seat);
    else if (seat.cam_publication) this.tellPerformer(show, seat.cam_publication);
  }

  /** The viewer's page closed its camera session: forgotten if it is still the one on the seat. */
  unpublished(userId: string, sessionId: string): void {
    const seat = this.room.sql
      .exec<SeatRow>('select * from show_seats where user_id = ? and cam_session = ?', userId, sessionId)
      .toArray()[0];
    if (seat) this.forget(seat);
  }

  /**
   * The seat ended (the show ended, or the viewer's seat did), the camera was turned off or unpublished: the
   * seat forgets the camera, the performer's pulls of it are closed at the SFU and refused from now on.
   */
  forget(seat: SeatRow): void {
    const publisher = publisherOf(seat);
    const pulls = this.pullsOf(seat.show_id);
    if (!publisher && pulls.length === 0) return;
    this.room.sql.exec(
      'update show_seats set cam_session = null, cam_publication = null, cam_tracks = null ' +
        'where show_id = ? and user_id = ?',
      seat.show_id,
      seat.user_id,
    );
    const show = showOf(this.room.sql, seat.show_id);
    if (show && publisher) this.tellPerformer(show, null);
    this.close(publisher, pulls);
  }

  /**
   * What `userId` may pull of `showId`'s viewer camera: only the show's performer, only while it runs and
   * the viewer's camera is on and published. Anyone else learns nothing about the camera.
   */
  mayPull(userId: string | null, showId: string): RoomResult<CamPublisher> {
    const show = showOf(this.room.sql, showId);
    if (!show) return refused(404, 'NOT_FOUND', 'No such show');
    if (userId === null || show.performer_id !== userId)
      return refused(403, 'FORBIDDEN', 'Only the show’s performer sees the viewer’s camera');
    if (show.phase !== 'running') return refused(404, 'NOT_FOUND', 'That show is not running');
    const seat = this.room.sql
      .exec<SeatRow>(
        "select * from show_seats where show_id = ? and role = 'viewer' and ended_at is null and cam_on = 1",
        show.id,
      )
      .toArray()[0];
    const publisher = seat ? publisherOf(seat) : null;
    if (!publisher) return refused(404, 'CAM_OFF', 'The viewer’s camera is off');
    return accepted(publisher);
  }

  /** The performer's session now pulls the camera; refused (the route closes it) if it went meanwhile. */
  pulling(pull: CamPull, publication: string): RoomResult<null> {
    const may = this.mayPull(pull.userId, pull.showId);
    if (!may.ok) return may;
    if (may.value.publication !== publication) return refused(404, 'CAM_OFF', 'The viewer’s camera changed');
    this.room.sql.exec(
      'insert into show_cam_pulls (session_id, show_id, user_id, mids, at) values (?, ?, ?, ?, ?) ' +
        'on conflict (session_id) do nothing',
      pull.sessionId,
      pull.showId,
      pull.userId,
      JSON.stringify(pull.mids),
      this.room.now(),
    );
    return accepted(null);
  }

  /** Whether a pull session may go on (renegotiate): the Room still holds it, so the camera is still on. */
  mayKeepPulling(sessionId: string, userId: string | null): boolean {
    return (
      this.room.sql
        .exec('select 1 from show_cam_pulls where session_id = ? and user_id = ?', sessionId, userId)
        .toArray().length > 0
    );
  }

  stoppedPulling(sessionId: string): void {
    this.room.sql.exec('delete from show_cam_pulls where session_id = ?', sessionId);
  }

  private tellPerformer(show: ShowRow, publication: string | null): void {
    this.room.sockets.tell(show.performer_id, {
      type: 'show.event',
      event: { kind: 'cam-media', showId: show.id, publication },
    });
  }

  private pullsOf(showId: string): { session_id: string; mids: string }[] {
    return this.room.sql
      .exec<{ session_id: string; mids: string }>(
        'delete from show_cam_pulls where show_id = ? returning session_id, mids',
        showId,
      )
      .toArray();
  }

  /**
   * Closes the sessions' tracks at the SFU (force: the pages are not asked). The rows are gone already, so a
   * page cannot renegotiate them back even if the SFU was not reached.
   */
  private close(publisher: CamPublisher | null, pulls: { session_id: string; mids: string }[]): void {
    const sessions = pulls.map((p) => ({ sessionId: p.session_id, mids: JSON.parse(p.mids) as string[] }));
    if (publisher) sessions.push({ sessionId: publisher.sessionId, mids: publisher.tracks.map((t) => t.mid) });
    if (sessions.length === 0) return;
    const calls = new CallsClient(realtimeConfig(this.room.env));
    this.room.waitUntil(
      Promise.all(
        sessions.map((s) =>
          calls.closeTracks(s.sessionId, s.mids).catch((error: unknown) =>
            log('warn', 'room.show.cam_close_failed', {
              error: error instanceof Error ? error.message : String(error),
            }),
          ),
        ),
      ),
    );
  }
}

/** The camera a seat keeps, or null (none, or a row this code cannot read). */
function publisherOf(seat: SeatRow): CamPublisher | null {
  if (!seat.cam_session || !seat.cam_publication || !seat.cam_tracks) return null;
  const tracks = MediaTrackShape.array().safeParse(JSON.parse(seat.cam_tracks));
  if (!tracks.success) return null;
  return { sessionId: seat.cam_session, publication: seat.cam_publication, tracks: tracks.data };
}
