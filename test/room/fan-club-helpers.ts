import { env } from 'cloudflare:workers';
import { roomStub } from './room-socket.ts';

const DAY = 86_400_000;

/**
 * Writes a membership straight into D1, as the money side's join or renewal would leave it (the Room's tests
 * need members, not the charge; test/fan-club covers joining and paying).
 */
export async function makeMember(
  performerId: string,
  memberId: string,
  status: 'active' | 'grace' | 'lapsed' | 'cancelled' = 'active',
  periodEnd = Date.now() + 30 * DAY,
): Promise<void> {
  const now = Date.now();
  await env.DB.prepare(
    `insert into fan_club_memberships (id, performer_id, member_id, status, period_index, period_start, period_end,
       price_tokens, renews, grace_until, join_key, joined_at, updated_at)
     values (?, ?, ?, ?, 0, ?, ?, 100, ?, null, null, ?, ?)
     on conflict (performer_id, member_id) do update set status = excluded.status, period_end = excluded.period_end,
       renews = excluded.renews, updated_at = excluded.updated_at`,
  )
    .bind(crypto.randomUUID(), performerId, memberId, status, now, periodEnd, status === 'active' ? 1 : 0, now, now)
    .run();
}

/** What the fan-club routes do after a join, cancel or lapse: the Room looks the membership up afresh. */
export function tellRoom(handle: string, performerId: string, userId: string): Promise<boolean> {
  return roomStub(handle).fanClubChanged({ handle, performerId }, userId);
}
