import { tellRoomOfMembership } from './room-notice.ts';

/**
 * How far back the renewal job looks for cancelled memberships whose paid time ran out. The job runs hourly, so
 * each end is seen by up to three runs: one failed run (D1 busy, the Room unreachable) is made up by the next.
 * Telling a Room twice is harmless (it asks D1 afresh and ends at what D1 says).
 */
export const ENDED_CANCEL_WINDOW_MS = 3 * 60 * 60 * 1000;
/** Memberships read per page (as in renewals.ts). */
const PAGE = 50;

type Ended = { id: string; performer_id: string; member_id: string; handle: string };

/**
 * A cancelled membership stays a membership until the end of the period it paid for, and nothing happens in
 * D1 when that moment passes. So the renewal job tells each such performer's Room, as the routes do on a join
 * or cancel: the badge leaves the member's open sockets and fan-club-only chat refuses them at once, instead
 * of when their cached answer runs out or they reconnect. Returns how many memberships were told of.
 */
export async function tellRoomsOfEndedCancels(env: Env, now: number): Promise<number> {
  let told = 0;
  let after = '';
  for (;;) {
    const { results: page } = await env.DB.prepare(
      `select m.id, m.performer_id, m.member_id, u.handle
         from fan_club_memberships m join users u on u.id = m.performer_id
        where m.status = 'cancelled' and m.period_end <= ?1 and m.period_end > ?2 and m.id > ?3
        order by m.id limit ?4`,
    )
      .bind(now, now - ENDED_CANCEL_WINDOW_MS, after, PAGE)
      .all<Ended>();
    for (const ended of page) {
      // Never throws: a Room not reached is logged, and its own lookups catch up.
      await tellRoomOfMembership(env, { handle: ended.handle, id: ended.performer_id }, ended.member_id);
      told++;
    }
    if (page.length < PAGE) return told;
    after = page.at(-1)!.id;
  }
}
