import type { Room } from '../../durable-objects/room.ts';

/**
 * The admin's reach into rooms, by Room RPC: end a show, delete a message, close a suspended
 * user's sockets. Rooms are named by their performer's handle (workers/routes/live.ts).
 */
export function roomByHandle(env: Env, handle: string): DurableObjectStub<Room> {
  return (env.ROOM as DurableObjectNamespace<Room>).getByName(handle);
}

/**
 * Closes `userId`'s sockets in every live room (the directory lists them) and ends their own show
 * if they are live. Returns how many sockets closed. Rooms that are not live keep at most a
 * socket the Worker no longer honours: its session is already revoked.
 */
export async function disconnectEverywhere(env: Env, userId: string): Promise<number> {
  const { results } = await env.DB.prepare('select handle, performer_id from live_rooms').all<{ handle: string; performer_id: string }>();
  const closed = await Promise.all(
    results.map(async (room) => {
      const stub = roomByHandle(env, room.handle);
      if (room.performer_id === userId) await stub.endShowByAdmin();
      return stub.disconnectUser(userId);
    }),
  );
  return closed.reduce((sum, n) => sum + n, 0);
}
