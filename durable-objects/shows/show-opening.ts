import { database } from '../../workers/db/index.ts';
import { showParticipants, shows } from '../../workers/db/shows-schema.ts';
import { log } from '../../workers/log.ts';
import type { RoomContext } from '../room-context.ts';
import { activeSeats, BILLED, showOf } from './show-rows.ts';

/**
 * A running show is recorded in D1 from its start (no end, nothing charged), so the review route can tell a seat
 * holder "not ended yet" (409) and still tell everyone else "no such show" (404). Never overwrites: settlement
 * (show-record.ts) fills in the end and the charges whenever it lands, before or after this. Readers of the
 * records (earnings, ledger:check) count only ended rows. A write that fails is logged and not retried: the
 * settlement writes the rows anyway, and until then the review route answers 404, as it did before.
 */
export async function recordRunningShow(room: RoomContext, showId: string): Promise<void> {
  const show = showOf(room.sql, showId);
  if (show?.phase !== 'running' || show.started_at === null) return;
  const seats = activeSeats(room.sql, showId).filter((s) => BILLED.includes(s.role) && s.joined_at !== null);
  const d = database({ DB: room.db });
  try {
    await d.batch([
      d
        .insert(shows)
        .values({
          id: show.id,
          performerId: show.performer_id,
          kind: show.kind,
          rate: show.rate,
          title: show.title,
          startedAt: show.started_at,
          endedAt: null,
          endReason: null,
        })
        .onConflictDoNothing(),
      ...seats.map((seat) =>
        d
          .insert(showParticipants)
          .values({
            showId: show.id,
            userId: seat.user_id,
            performerId: show.performer_id,
            role: seat.role === 'reserved' ? 'participant' : seat.role,
            kind: show.kind,
            rate: seat.rate,
            anonymous: seat.anonymous === 1,
            startedAt: seat.joined_at ?? show.started_at!,
            endedAt: null,
            endReason: null,
            minutes: 0,
            tokens: 0,
          })
          .onConflictDoNothing(),
      ),
    ]);
  } catch (error) {
    log('error', 'room.show.record_running_failed', { show: showId, error: String(error) });
  }
}
