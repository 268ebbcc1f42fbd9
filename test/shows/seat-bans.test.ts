import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { CloseCode } from '../../wire/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { walletOf } from '../money/fixtures.ts';
import { moderate, outcome } from '../room/moderation-helpers.ts';
import { clientId, later, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import {
  accepted,
  holdOf,
  refusal,
  runShowJob,
  showEvents,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

/** A viewer whose socket the edge placed in Germany (the local stand-in header). */
async function inGermany(handle: string, tokens = 1_000) {
  const viewer = await newViewer(tokens);
  const socket = await RoomSocket.open(handle, viewer.browser, { 'X-Encore-Test-Country': 'DE' });
  await socket.hello();
  return { ...viewer, socket };
}

/** A group show started with two seats: its id. */
async function runningGroup(handle: string, performerSocket: RoomSocket): Promise<string> {
  const announced = accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
  const showId = announced.shows.current!.id;
  for (const viewer of [await newViewer(100), await newViewer(100)]) {
    const { socket } = await RoomSocket.join(handle, viewer.browser);
    accepted(await write(socket, { type: 'group.reserve', showId }));
  }
  accepted(await write(performerSocket, { type: 'group.start', showId }));
  return showId;
}

describe('a paid-show seat and room moderation', () => {
  it('ends a banned private viewer’s show at once, charging the minutes started and no minimum', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 3 });
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 70_000);
    expect(outcome(await moderate(performerSocket, { kind: 'ban', handle: fan.handle }))).toBe('accepted');
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ reason: 'banned', minutes: 2 });
    expect((await socket.closed).code).toBe(CloseCode.BANNED);
    expect((await waitForShowEvent(performerSocket, 'ended')).summary.reason).toBe('banned');
    expect(await roomStub(handle).showMediaAccess(fan.userId)).toBe('public');
    expect((await roomStub(handle).mayWatch(fan.userId)).banned).toBe(true);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await holdOf(showId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('ends a banned spy’s seat only; a muted or timed-out spy keeps watching', async () => {
    const { handle, performerSocket, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    const kept = await newViewer(100);
    const banned = await newViewer(100);
    const { socket: keptSocket } = await RoomSocket.join(handle, kept.browser);
    const { socket: bannedSocket } = await RoomSocket.join(handle, banned.browser);
    accepted(await write(keptSocket, { type: 'show.spy', showId }));
    accepted(await write(bannedSocket, { type: 'show.spy', showId }));
    expect(outcome(await moderate(performerSocket, { kind: 'mute', handle: kept.handle }))).toBe('accepted');
    expect(outcome(await moderate(performerSocket, { kind: 'timeout', handle: kept.handle, seconds: 60 }))).toBe(
      'accepted',
    );
    expect(outcome(await moderate(performerSocket, { kind: 'ban', handle: banned.handle }))).toBe('accepted');
    expect((await waitForShowEvent(bannedSocket, 'ended')).summary).toMatchObject({ reason: 'banned', minutes: 1 });
    expect(await roomStub(handle).showMediaAccess(banned.userId)).toBe('closed');
    expect(await roomStub(handle).showMediaAccess(kept.userId)).toBe('seat');
    expect(showEvents(keptSocket, 'ended')).toEqual([]);
    expect(showEvents(socket, 'ended')).toEqual([]);
    await runShowJob(handle);
    expect(await walletOf(banned.userId)).toBe(94);
  });

  it('refuses a request, a spy seat and a group seat to a viewer banned from the room', async () => {
    const { handle, performerSocket, socket } = await showRoom({ groupMinimum: 2 });
    const showId = await startPrivate(socket, performerSocket);
    const banned = await newViewer(1_000);
    await RoomSocket.join(handle, banned.browser);
    expect(outcome(await moderate(performerSocket, { kind: 'ban', handle: banned.handle }))).toBe('accepted');
    // A ban closes their sockets; a frame already on its way reaches the desk with their identity.
    const who = { userId: banned.userId, handle: banned.handle, displayName: banned.displayName, role: 'viewer' };
    const asBanned = (message: Record<string, unknown>) =>
      runInDurableObject(roomStub(handle), async (room: Room) => {
        const desk = (room as unknown as { shows: { take: (w: unknown, m: unknown) => Promise<{ reason?: string }> } })
          .shows;
        return (await desk.take(who, { clientId: clientId(), ...message })).reason;
      });
    expect(await asBanned({ type: 'show.spy', showId })).toBe('BANNED');
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect(await asBanned({ type: 'show.request', kind: 'private' })).toBe('BANNED');
    const group = await runningGroup(handle, performerSocket);
    expect(await asBanned({ type: 'group.join', showId: group })).toBe('BANNED');
    expect(await walletOf(banned.userId)).toBe(1_000);
  });

  it('refuses spying and group seats to a muted viewer', async () => {
    const { handle, performerSocket, socket } = await showRoom({ groupMinimum: 2 });
    const showId = await startPrivate(socket, performerSocket);
    const muted = await newViewer(1_000);
    const { socket: mutedSocket } = await RoomSocket.join(handle, muted.browser);
    expect(outcome(await moderate(performerSocket, { kind: 'mute', handle: muted.handle }))).toBe('accepted');
    expect(refusal(await write(mutedSocket, { type: 'show.spy', showId }))).toBe('MUTED');
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    const announced = accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
    expect(refusal(await write(mutedSocket, { type: 'group.reserve', showId: announced.shows.current!.id }))).toBe(
      'MUTED',
    );
    accepted(await write(performerSocket, { type: 'show.end', showId: announced.shows.current!.id }));
    const group = await runningGroup(handle, performerSocket);
    expect(refusal(await write(mutedSocket, { type: 'group.join', showId: group }))).toBe('MUTED');
  });

  it('refuses requests, spying and group seats from a place blocked while the socket was open', async () => {
    const { handle, performer, performerSocket, socket } = await showRoom({ groupMinimum: 2 });
    const german = await inGermany(handle);
    const showId = await startPrivate(socket, performerSocket);
    // Not blocked yet: spying works from Germany.
    accepted(await write(german.socket, { type: 'show.spy', showId }));
    accepted(await write(german.socket, { type: 'show.leave', showId }));
    const blocked = await performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['DE'] } });
    expect(blocked.status).toBe(200);
    expect(refusal(await write(german.socket, { type: 'show.spy', showId }))).toBe('GEO_BLOCKED');
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect(refusal(await write(german.socket, { type: 'show.request', kind: 'private' }))).toBe('GEO_BLOCKED');
    // Someone elsewhere is not refused.
    const { socket: elsewhere } = await RoomSocket.join(handle, (await newViewer(1_000)).browser);
    const asked = accepted(await write(elsewhere, { type: 'show.request', kind: 'private' }));
    accepted(await write(elsewhere, { type: 'show.end', showId: asked.shows.myRequest!.id }));
    const announced = accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
    const reserve = { type: 'group.reserve', showId: announced.shows.current!.id };
    expect(refusal(await write(german.socket, reserve))).toBe('GEO_BLOCKED');
    accepted(await write(performerSocket, { type: 'show.end', showId: announced.shows.current!.id }));
    const group = await runningGroup(handle, performerSocket);
    expect(refusal(await write(german.socket, { type: 'group.join', showId: group }))).toBe('GEO_BLOCKED');
    expect(await walletOf(german.userId)).toBe(1_000 - 6);
  });

  it('ends the seats held from a place the performer blocks mid-show, and only those', async () => {
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    const german = await inGermany(handle, 100);
    accepted(await write(german.socket, { type: 'show.spy', showId }));
    const france = await performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['FR'] } });
    expect(france.status).toBe(200);
    expect(await roomStub(handle).showMediaAccess(german.userId)).toBe('seat');
    const germany = await performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['DE'] } });
    expect(germany.status).toBe(200);
    expect((await waitForShowEvent(german.socket, 'ended')).summary).toMatchObject({
      reason: 'moderation',
      minutes: 1,
    });
    expect(await roomStub(handle).showMediaAccess(fan.userId)).toBe('seat');
    expect(showEvents(socket, 'ended')).toEqual([]);
    await runShowJob(handle);
    expect(await walletOf(german.userId)).toBe(94);
  });

  it('ends a suspended account’s seat at once, charging the minutes started', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 3 });
    const showId = await startPrivate(socket, performerSocket);
    const suspended = await asAdminFetch(`/api/admin/users/${fan.userId}/suspend`, {
      method: 'POST',
      json: { reason: 'Chargeback fraud' },
    });
    expect(suspended.status).toBe(200);
    expect((await waitForShowEvent(performerSocket, 'ended')).summary).toMatchObject({
      reason: 'moderation',
      minutes: 1,
    });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(0);
  });
});
