import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { SHOW_SEAT_GRACE_MS } from '../../wire/shows.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { later, newRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import {
  accepted,
  holdOf,
  runShowJob,
  setShows,
  showEvents,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

/** Closes a socket and waits for the Room's side of the close (it answers it), then lets the Room look. */
async function drop(handle: string, socket: RoomSocket): Promise<void> {
  socket.close();
  await socket.closed;
  await runShowJob(handle);
}

/** The show job runs until the ended seats are settled (the first run ends them, a later one settles). */
async function settle(handle: string): Promise<void> {
  await runShowJob(handle);
  await runShowJob(handle);
}

async function awayKeys(handle: string): Promise<string[]> {
  return runInDurableObject(roomStub(handle), (_: Room, state) =>
    state.storage.sql
      .exec<{ key: string }>("select key from meta where key like 'show_away:%'")
      .toArray()
      .map((r) => r.key),
  );
}

describe('a paid show when someone’s connection drops', () => {
  it('ends a private show whose viewer stays away past the grace, charging minutes started by the drop', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 30_000);
    await drop(handle, socket);
    // Still within the grace: the next minute is charged as the seat is kept for them.
    await later(handle, 40_000);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(showEvents(performerSocket, 'ended')).toEqual([]);
    await later(handle, SHOW_SEAT_GRACE_MS - 40_000);
    await runShowJob(handle);
    const ended = await waitForShowEvent(performerSocket, 'ended');
    expect(ended.summary).toMatchObject({ reason: 'left', minutes: 1, tokens: 10 });
    await settle(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await earningsBalance(performerId)).toBe(7);
    expect(await holdOf(showId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
    expect(await awayKeys(handle)).toEqual([]);
  });

  it('charges the minimum to a private viewer who drops and does not come back, as if they had ended it', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 3 });
    const showId = await startPrivate(socket, performerSocket);
    await drop(handle, socket);
    await later(handle, SHOW_SEAT_GRACE_MS);
    await runShowJob(handle);
    expect((await waitForShowEvent(performerSocket, 'ended')).summary).toMatchObject({ reason: 'left', minutes: 3 });
    await settle(handle);
    expect(await walletOf(fan.userId)).toBe(970);
    expect(await holdOf(showId)).toBe(0);
  });

  it('keeps the seat of a viewer who reconnects within the grace, and a later drop starts the grace over', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await drop(handle, socket);
    expect(await awayKeys(handle)).toHaveLength(1);
    await later(handle, SHOW_SEAT_GRACE_MS - 1_000);
    const { socket: back, welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.snapshot.shows.mine?.role).toBe('viewer');
    await runShowJob(handle);
    expect(await awayKeys(handle)).toEqual([]);
    await later(handle, 30_000);
    await drop(handle, back);
    await later(handle, SHOW_SEAT_GRACE_MS - 1_000);
    await runShowJob(handle);
    expect(showEvents(performerSocket, 'ended')).toEqual([]);
    const { socket: again } = await RoomSocket.join(handle, fan.browser);
    accepted(await write(again, { type: 'show.end', showId }));
    expect((await waitForShowEvent(performerSocket, 'ended')).summary.reason).toBe('viewer');
  });

  it('ends a dropped viewer’s show after the Room was evicted, counting from when it saw them gone', async () => {
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await Promise.all([socket.closed, performerSocket.closed]);
    const { socket: studio } = await RoomSocket.join(handle, performer);
    await runShowJob(handle);
    await later(handle, SHOW_SEAT_GRACE_MS);
    await runShowJob(handle);
    expect((await waitForShowEvent(studio, 'ended')).summary).toMatchObject({ reason: 'left', minutes: 1 });
    await settle(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(0);
  });

  it('ends only a dropped spy’s seat; the private show goes on', async () => {
    const { handle, performerSocket, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    const spy = await newViewer(100);
    const { socket: spySocket } = await RoomSocket.join(handle, spy.browser);
    accepted(await write(spySocket, { type: 'show.spy', showId }));
    await drop(handle, spySocket);
    await later(handle, SHOW_SEAT_GRACE_MS);
    await runShowJob(handle);
    const seat = await performerSocket.next(
      'show.event',
      (m) => m.event.kind === 'seat' && !m.event.joined && m.event.seat.role === 'spy',
    );
    expect(seat.event.kind === 'seat' && seat.event.seat.tally.minutesPaid).toBeGreaterThan(0);
    await settle(handle);
    expect(await walletOf(spy.userId)).toBe(94);
    expect(showEvents(performerSocket, 'ended')).toEqual([]);
    expect(showEvents(socket, 'ended')).toEqual([]);
  });

  it('ends a private show whose performer’s page and camera stay gone past the grace: started minutes', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 3 });
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 10_000);
    await drop(handle, performerSocket);
    await later(handle, SHOW_SEAT_GRACE_MS);
    await runShowJob(handle);
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ reason: 'offline', minutes: 1 });
    await settle(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(0);
  });

  it('charges up to the performer’s drop when the live room’s own grace ends the show first', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 3 });
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 10_000);
    await drop(handle, performerSocket);
    await later(handle, SHOW_SEAT_GRACE_MS + 5_000);
    // The public room's presence check (room.ts watchPerformer) takes the room offline, and the show with it.
    await runInDurableObject(roomStub(handle), async (room: Room) => {
      await (room as unknown as { watchPerformer: () => Promise<void> }).watchPerformer();
    });
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ reason: 'offline', minutes: 1 });
    await settle(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(0);
  });

  it('ends a one-to-one session whose performer left (the room is not live, so nothing else would)', async () => {
    const room = await newRoom();
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(room.performerId)
      .run();
    expect((await setShows(room.performer, { sessionsAvailable: true })).status).toBe(200);
    const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(room.handle, fan.browser);
    const asked = accepted(await write(socket, { type: 'show.request', kind: 'session-chat' }));
    accepted(await write(studio, { type: 'show.accept', showId: asked.shows.myRequest!.id }));
    await drop(room.handle, studio);
    await later(room.handle, SHOW_SEAT_GRACE_MS - 1_000);
    await runShowJob(room.handle);
    expect(showEvents(socket, 'ended')).toEqual([]);
    await later(room.handle, 1_000);
    await runShowJob(room.handle);
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ reason: 'offline', minutes: 1 });
    await settle(room.handle);
    expect(await walletOf(fan.userId)).toBe(1_000 - 20);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
