import type { RoomContext } from '../room-context.ts';
import { currentShow, seatOf, waitingRequests } from './show-rows.ts';
import type { ShowStage } from './show-stage.ts';

/**
 * A ban in the room reaches the paid show at once: the banned person's seat ends ('banned': the minutes
 * started, no minimum; the private viewer's ends the show), a reservation for an announced group show goes,
 * and a request of theirs is dropped (nothing charged). Their video session is closed by the ban itself
 * (room-moderation.ts). A mute or a timeout is not this: the seat goes on.
 */
export function endSeatForBan(room: RoomContext, stage: ShowStage, userId: string): void {
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
  if (seat.role === 'viewer') stage.endShow(show, 'banned');
  else stage.endSeat(show, seat, 'banned');
}
