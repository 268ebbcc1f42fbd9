import { isBlocked } from '../../workers/safety/geo.ts';
import type { RoomContext } from '../room-context.ts';
import { activeSeats, BILLED, currentShow, seatOf, waitingRequests } from './show-rows.ts';
import type { ShowStage } from './show-stage.ts';

/**
 * A ban in the room reaches the paid show at once: the banned person's seat ends ('banned': the minutes
 * started, no minimum; the private viewer's ends the show), a reservation for an announced group show goes,
 * and a request of theirs is dropped (nothing charged). Their video session is closed by the ban itself
 * (room-moderation.ts). A mute or a timeout is not this: the seat goes on. An account suspended by an admin
 * ends the same way, as 'moderation'.
 */
export function endSeatForBan(
  room: RoomContext,
  stage: ShowStage,
  userId: string,
  reason: 'banned' | 'moderation' = 'banned',
): void {
  const { sql } = room;
  for (const request of waitingRequests(sql)) if (request.viewer_id === userId) stage.decline(request, 'declined');
  const show = currentShow(sql);
  const seat = show ? seatOf(sql, show.id, userId) : undefined;
  if (!show || !seat || seat.ended_at !== null) return;
  if (seat.role === 'reserved') {
    sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, userId);
    stage.publish();
    return;
  }
  if (seat.role === 'viewer') stage.endShow(show, reason);
  else stage.endSeat(show, seat, reason);
}

/**
 * The performer blocked places while a show runs: a seat whose holder's open sockets come from one of them ends
 * ('moderation': the minutes started, no minimum), as their video stops (media-viewers.ts endPlaces). A holder
 * with no socket open has no known place; the drop rule (seat-presence.ts) looks after them.
 */
export function endSeatsInPlaces(room: RoomContext, stage: ShowStage, blocked: readonly string[]): void {
  const { sql, sockets } = room;
  const show = currentShow(sql);
  if (show?.phase !== 'running' || blocked.length === 0) return;
  for (const seat of activeSeats(sql, show.id)) {
    if (!BILLED.includes(seat.role)) continue;
    const places = sockets.open(seat.user_id).map((ws) => sockets.of(ws).identity.place);
    if (!places.some((p) => p && isBlocked(blocked, p.country, p.region))) continue;
    if (seat.role !== 'viewer') {
      stage.endSeat(show, seat, 'moderation');
      continue;
    }
    stage.endShow(show, 'moderation');
    return;
  }
}
