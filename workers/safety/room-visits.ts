import { and, eq, gt } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { roomVisits } from '../db/rooms-schema.ts';

/** How long a visit is remembered: far longer than any room socket stays open (clients replace silent ones). */
export const ROOM_VISIT_DAYS = 30;
const DAY_MS = 86_400_000;

/** A visit seen again within this long changes no row: a reconnect storm costs D1 reads, not writes. */
const REFRESH_MS = 60 * 60_000;

/** A signed-in user opened a socket to `handle`'s room: remembered so a suspension can reach it. */
export function recordVisit(env: Env, userId: string, handle: string, now = Date.now()): Promise<unknown> {
  return env.DB.prepare(
    `insert into room_visits (user_id, handle, last_seen_at) values (?, ?, ?)
     on conflict (user_id, handle) do update set last_seen_at = excluded.last_seen_at
     where last_seen_at < excluded.last_seen_at - ?`,
  )
    .bind(userId, handle, now, REFRESH_MS)
    .run();
}

/** Rooms `userId` may hold a socket in: every room visited within the window. */
export async function visitedRooms(env: Env, userId: string, now = Date.now()): Promise<string[]> {
  const rows = await database(env)
    .select({ handle: roomVisits.handle })
    .from(roomVisits)
    .where(and(eq(roomVisits.userId, userId), gt(roomVisits.lastSeenAt, now - ROOM_VISIT_DAYS * DAY_MS)));
  return rows.map((r) => r.handle);
}

/** The daily job: forget visits older than the window. Returns how many went. */
export async function pruneVisits(env: Env, now: number): Promise<number> {
  const result = await env.DB.prepare('delete from room_visits where last_seen_at <= ?')
    .bind(now - ROOM_VISIT_DAYS * DAY_MS)
    .run();
  return result.meta.changes;
}
