import { eq } from 'drizzle-orm';
import type { Room } from '../../durable-objects/room.ts';
import { database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { log } from '../log.ts';
import { roomStub } from '../rooms/room-stub.ts';
import { visitedRooms } from './room-visits.ts';

/**
 * The admin's reach into rooms, by Room RPC: end a show, delete a message, close a suspended
 * user's sockets. Rooms are named by their performer's handle (workers/routes/api/studio/live.ts).
 */
export function roomByHandle(env: Env, handle: string): DurableObjectStub<Room> {
  return roomStub(env, handle);
}

/**
 * Closes `userId`'s sockets in every room they may be in (the rooms they opened a socket to lately,
 * live or not) and ends their own show if they are live. Returns how many sockets closed.
 */
export async function disconnectEverywhere(env: Env, userId: string): Promise<number> {
  const [live, visited] = await Promise.all([
    database(env).select({ handle: liveRooms.handle }).from(liveRooms).where(eq(liveRooms.performerId, userId)),
    visitedRooms(env, userId),
  ]);
  for (const own of live) await roomByHandle(env, own.handle).endShowByAdmin();
  const closed = await Promise.all(visited.map((handle) => roomByHandle(env, handle).disconnectUser(userId)));
  return closed.reduce((sum, n) => sum + n, 0);
}

/**
 * After a sign-out: the user's sockets close in every room they may be in, since a socket keeps
 * the identity it opened with. Pages whose session still holds reconnect as the user at once;
 * a copy of a revoked cookie comes back as a guest and can no longer tip or chat.
 */
export async function closeRoomSockets(env: Env, userId: string): Promise<void> {
  const visited = await visitedRooms(env, userId);
  // Best effort: the session is already revoked, and a room that cannot be reached now must not fail the sign-out.
  await Promise.all(
    visited.map((handle) =>
      roomByHandle(env, handle)
        .signedOut(userId)
        .catch((error: unknown) =>
          log('warn', 'room.signed_out.unreached', {
            handle,
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
    ),
  );
}
