import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { SHOW_GRACE_MS } from '../../durable-objects/show/performer-presence.ts';
import type { LiveRoomsResponse, LiveState } from '../../wire/live.ts';
import { Browser } from '../client.ts';
import { newRoom, RoomSocket, roomStub } from './room-socket.ts';

async function liveRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
  expect((await room.performer.post('/api/studio/live', { title: 'Here for a while' })).status).toBe(200);
  return { ...room, studio };
}

const listed = async (handle: string) =>
  ((await (await new Browser().fetch('/api/rooms')).json()) as LiveRoomsResponse).rooms.some(
    (r) => r.handle === handle,
  );
const studioState = async (performer: Browser) =>
  (await (await performer.fetch('/api/studio/live')).json()) as LiveState;

/** The grace period passes: the performer left (if they did) that long ago, and the Room's 'show' job is due. */
async function graceEnds(handle: string): Promise<void> {
  await runInDurableObject(roomStub(handle), (_: Room, state) => {
    const now = Date.now();
    state.storage.sql.exec(
      "update meta set value = ? where key = 'performer_away'",
      String(now - SHOW_GRACE_MS - 1_000),
    );
    state.storage.sql.exec("update alarms set due = ? where job = 'show'", now - 1);
  });
  expect(await runDurableObjectAlarm(roomStub(handle))).toBe(true);
}

describe('a live show whose performer disappears', () => {
  it('ends once the performer is away past the grace: off the directory, offline, over in the studio', async () => {
    const { handle, performer, studio } = await liveRoom();
    const { socket: viewer } = await RoomSocket.join(handle);
    // The performer's browser closes without ending the show.
    studio.close();
    await studio.closed;
    expect(await listed(handle)).toBe(true);
    await graceEnds(handle);
    const ended = await viewer.next('events', (m) => m.events.some((e) => e.event.kind === 'show' && !e.event.live));
    expect(ended.events.find((e) => e.event.kind === 'show')?.event).toEqual({
      kind: 'show',
      live: false,
      title: '',
      tags: [],
    });
    expect(await listed(handle)).toBe(false);
    expect(await studioState(performer)).toMatchObject({ live: false });
    expect((await RoomSocket.join(handle)).welcome.snapshot.live).toBe(false);
  });

  it('keeps the show of a performer who comes back within the grace period', async () => {
    const { handle, performer, studio } = await liveRoom();
    studio.close();
    await studio.closed;
    await RoomSocket.join(handle, performer);
    await graceEnds(handle);
    expect(await studioState(performer)).toMatchObject({ live: true, title: 'Here for a while' });
    expect(await listed(handle)).toBe(true);
    // The Room keeps looking while the show is live.
    await runInDurableObject(roomStub(handle), (_: Room, state) => {
      expect(state.storage.sql.exec("select value from meta where key = 'performer_away'").toArray()).toEqual([]);
      expect(state.storage.sql.exec("select due from alarms where job = 'show'").toArray()).toHaveLength(1);
    });
  });

  it('does not end before the grace period has passed', async () => {
    const { handle, performer, studio } = await liveRoom();
    studio.close();
    await studio.closed;
    await runInDurableObject(
      roomStub(handle),
      (_: Room, state) => void state.storage.sql.exec("update alarms set due = ? where job = 'show'", Date.now() - 1),
    );
    await runDurableObjectAlarm(roomStub(handle));
    expect(await studioState(performer)).toMatchObject({ live: true });
  });

  it('ends a show started from the studio when no room page ever opened', async () => {
    const room = await newRoom();
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(room.performerId)
      .run();
    await room.performer.post('/api/studio/live', { title: 'Nobody home' });
    await graceEnds(room.handle);
    expect(await studioState(room.performer)).toMatchObject({ live: false });
    expect(await listed(room.handle)).toBe(false);
  });
});
