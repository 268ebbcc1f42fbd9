import { sql } from 'drizzle-orm';
import { database } from '../../workers/db/index.ts';
import { showParticipants, shows } from '../../workers/db/shows-schema.ts';
import type { SeatRow, ShowRow } from './show-rows.ts';

/**
 * The D1 record of a show (for earnings, reviews and figures): the show's row, and the seat's row with what
 * it was charged. Written when the seat is settled; the show's totals are the sum of its settled seats, so a
 * rewrite (a settlement retried) gives the same figures.
 */
export async function writeShowRecord(
  db: D1Database,
  show: ShowRow,
  seat: SeatRow,
  charged: { minutes: number; tokens: number },
): Promise<void> {
  const d = database({ DB: db });
  const role = seat.role === 'reserved' ? 'participant' : seat.role;
  const startedAt = show.started_at ?? seat.joined_at ?? show.requested_at;
  await d.batch([
    d
      .insert(shows)
      .values({
        id: show.id,
        performerId: show.performer_id,
        kind: show.kind,
        rate: show.rate,
        title: show.title,
        startedAt,
        endedAt: show.ended_at,
        endReason: show.end_reason,
      })
      .onConflictDoUpdate({ target: shows.id, set: { endedAt: show.ended_at, endReason: show.end_reason } }),
    d
      .insert(showParticipants)
      .values({
        showId: show.id,
        userId: seat.user_id,
        performerId: show.performer_id,
        role,
        kind: show.kind,
        rate: seat.rate,
        anonymous: seat.anonymous === 1,
        startedAt: seat.joined_at ?? startedAt,
        endedAt: seat.ended_at,
        endReason: seat.end_reason,
        minutes: charged.minutes,
        tokens: charged.tokens,
      })
      .onConflictDoUpdate({
        target: [showParticipants.showId, showParticipants.userId],
        set: { endedAt: seat.ended_at, endReason: seat.end_reason, minutes: charged.minutes, tokens: charged.tokens },
      }),
    d
      .update(shows)
      .set({
        minutes: sql`(select coalesce(sum(minutes), 0) from show_participants where show_id = ${show.id})`,
        tokens: sql`(select coalesce(sum(tokens), 0) from show_participants where show_id = ${show.id})`,
      })
      .where(sql`id = ${show.id}`),
  ]);
}
