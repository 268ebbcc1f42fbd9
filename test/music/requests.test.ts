import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import type { EarningsResponse } from '../../wire/money.ts';
import type { RequestSettingsResponse } from '../../wire/music.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { Browser, errorOf } from '../client.ts';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, later, newRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import {
  holdOf,
  manage,
  queueOf,
  request,
  requestOf,
  requestRoom,
  runRequestJob,
  setRequests,
  write,
} from './request-helpers.ts';

const expectLedgerOk = async () => {
  const report = await checkLedger(env.DB, { now: Date.now() + 60 * 60_000 });
  expect(report).toMatchObject({
    requestsMisrouted: 0,
    requestsMissettled: 0,
    finishedRequestHoldsNotEmpty: 0,
    ok: true,
  });
};

describe('song request settings', () => {
  it('are kept by the room, edited only by its performer, with a clear 400 for bad ones', async () => {
    const { performer } = await newRoom();
    const viewer = await newViewer();
    const saved = await setRequests(performer, { price: 250, blocklist: ['Baby Shark'], order: 'most_tokens' });
    expect(((await saved.json()) as RequestSettingsResponse).settings).toMatchObject({ price: 250, open: true });
    const read = (await (await performer.fetch('/api/studio/requests')).json()) as RequestSettingsResponse;
    expect(read.settings).toMatchObject({ price: 250, blocklist: ['Baby Shark'], order: 'most_tokens' });
    expect(await errorOf(await setRequests(viewer.browser))).toMatchObject({ status: 403 });
    expect(await errorOf(await setRequests(new Browser()))).toMatchObject({ status: 401 });
    for (const bad of [{ price: 0 }, { maxQueue: 0 }, { expiryMinutes: 1 }, { order: 'loudest' }, { bumpMinimum: -5 }])
      expect(await errorOf(await setRequests(performer, bad as never))).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
  });
});

describe('a song request', () => {
  it('holds its price, shows in the queue with its requester, and is in the snapshot as yours', async () => {
    const { handle, fan, socket, performerSocket } = await requestRoom({ price: 150 });
    const answer = await request(socket, { title: 'Midnight City', artist: 'M83', note: 'for Sam' });
    expect(answer).toMatchObject({ type: 'request.result', balance: 850 });
    const made = requestOf(answer);
    expect(made).toMatchObject({ title: 'Midnight City', artist: 'M83', tokens: 150, status: 'pending' });
    expect(made.requester).toEqual({ handle: fan.handle, displayName: fan.displayName });
    expect(await walletOf(fan.userId)).toBe(850);
    expect(await holdOf(made.id)).toBe(150);
    const [event] = await performerSocket.waitForEvents('requests');
    expect(event?.requests.queue.map((r) => r.id)).toEqual([made.id]);
    const { welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.snapshot.requests?.mine).toEqual([made.id]);
    expect((await queueOf(handle))?.mine).toEqual([]);
  });

  it('is anonymous on every surface when asked: the queue, the leaderboard', async () => {
    const { handle, socket } = await requestRoom();
    const made = requestOf(await request(socket, { title: 'Quiet', anonymous: true }));
    expect(made.requester).toBeNull();
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.requests?.queue[0]?.requester).toBeNull();
    expect(welcome.snapshot.leaderboard.show).toEqual([]);
  });

  it('goes straight to the queue when the performer takes requests without accepting first', async () => {
    const { socket } = await requestRoom({ acceptFirst: false });
    expect(requestOf(await request(socket, { title: 'Straight in' })).status).toBe('queued');
  });

  it('counts on the leaderboard like a tip, and comes off it when refunded', async () => {
    const { handle, fan, socket, performerSocket } = await requestRoom({ price: 300 });
    const made = requestOf(await request(socket, { title: 'Board' }));
    await performerSocket.waitForEvents('leaderboard');
    expect(performerSocket.eventsOf('leaderboard').at(-1)?.leaderboard.show).toEqual([
      { handle: fan.handle, displayName: fan.displayName, tokens: 300 },
    ]);
    await manage(performerSocket, made.id, 'reject', 'Not tonight');
    await runRequestJob(handle);
    await performerSocket.waitForEvents('leaderboard', 2);
    expect(performerSocket.eventsOf('leaderboard').at(-1)?.leaderboard.show).toEqual([]);
  });

  it('charges once for many identical sends at once (one client id)', async () => {
    const { handle, fan, socket } = await requestRoom({ price: 100 });
    const id = clientId();
    const from = socket.received.length;
    const before = socket.received.filter((m) => m.type !== 'events').length;
    for (let i = 0; i < 20; i++) socket.send({ type: 'request.send', clientId: id, title: 'Once only' });
    await socket.answers(before + 20);
    const answers = socket.received.slice(from).filter((m) => 'clientId' in m && m.clientId === id);
    expect(answers).toHaveLength(20);
    expect(new Set(answers.map((a) => (a.type === 'request.result' ? a.request?.id : a.type)))).toHaveProperty(
      'size',
      1,
    );
    expect(await walletOf(fan.userId)).toBe(900);
    expect((await queueOf(handle))?.queue).toHaveLength(1);
    expect(answers.every((a) => a.type === 'request.result')).toBe(true);
  });

  it('refuses bad requests with a clear reason, and charges nothing for them', async () => {
    const { handle, fan, performer, socket } = await requestRoom({
      price: 100,
      blocklist: ['Baby Shark', 'polka'],
      maxPerViewer: 2,
      maxQueue: 3,
    });
    const refused = async (fields: Parameters<typeof request>[1], reason: string) =>
      expect(await request(socket, fields)).toMatchObject({ type: 'rejected', of: 'request.send', reason });
    await refused({ title: '' }, 'INVALID');
    await refused({ title: '   ' }, 'INVALID');
    await refused({ title: 'x'.repeat(500) }, 'INVALID');
    await refused({ title: 'Baby shark (remix)' }, 'FILTERED');
    await refused({ title: 'Dance', note: 'some POLKA please' }, 'FILTERED');
    requestOf(await request(socket, { title: 'One' }));
    requestOf(await request(socket, { title: 'Two' }));
    await refused({ title: 'Three' }, 'QUEUE_FULL');
    const other = await newViewer(500);
    const { socket: second } = await RoomSocket.join(handle, other.browser);
    requestOf(await request(second, { title: 'Three' }));
    expect(await request(second, { title: 'Four' })).toMatchObject({ type: 'rejected', reason: 'QUEUE_FULL' });
    await setRequests(performer, { open: false });
    await refused({ title: 'Closed' }, 'REQUESTS_CLOSED');
    expect(await walletOf(fan.userId)).toBe(800);
    expect(await walletOf(other.userId)).toBe(400);
  });

  it('is refused when the wallet is short, and its resend gets the same answer', async () => {
    const { fan, socket } = await requestRoom({ price: 500 }, 100);
    const id = clientId();
    expect(await request(socket, { title: 'Too dear' }, id)).toMatchObject({
      type: 'rejected',
      reason: 'INSUFFICIENT_FUNDS',
      balance: 100,
    });
    expect(await request(socket, { title: 'Too dear' }, id)).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect(await walletOf(fan.userId)).toBe(100);
  });

  it('is refused to guests, to the performer, and while the show is off', async () => {
    const { handle, performerSocket, performer } = await requestRoom();
    const { socket: guest } = await RoomSocket.join(handle);
    expect(await request(guest, { title: 'Hi' })).toMatchObject({ reason: 'SIGN_IN_REQUIRED' });
    expect(await request(performerSocket, { title: 'Mine' })).toMatchObject({ reason: 'FORBIDDEN' });
    await performer.fetch('/api/studio/live', { method: 'DELETE' });
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect(await request(socket, { title: 'Later' })).toMatchObject({ reason: 'ROOM_OFFLINE' });
  });
});

describe('bumps and withdrawals', () => {
  it('adds tokens to your own request, reorders a most-tokens queue, and a resend of the bump pays once', async () => {
    const { handle, fan, socket } = await requestRoom({ price: 100, order: 'most_tokens', bumpMinimum: 50 });
    const first = requestOf(await request(socket, { title: 'First' }));
    const second = requestOf(await request(socket, { title: 'Second' }));
    expect((await queueOf(handle))?.queue.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(await write(socket, { type: 'request.bump', requestId: second.id, amount: 10 })).toMatchObject({
      type: 'rejected',
      reason: 'BELOW_MINIMUM',
    });
    const id = clientId();
    const bumped = await write(socket, { type: 'request.bump', requestId: second.id, amount: 60 }, id);
    expect(requestOf(bumped).tokens).toBe(160);
    expect(await write(socket, { type: 'request.bump', requestId: second.id, amount: 60 }, id)).toMatchObject({
      type: 'request.result',
    });
    expect(await walletOf(fan.userId)).toBe(1_000 - 100 - 100 - 60);
    expect(await holdOf(second.id)).toBe(160);
    expect((await queueOf(handle))?.queue.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it('refunds a withdrawn request, and refuses to withdraw or bump someone else’s', async () => {
    const { handle, fan, socket } = await requestRoom({ price: 100 });
    const made = requestOf(await request(socket, { title: 'Mine' }));
    const other = await newViewer(500);
    const { socket: theirs } = await RoomSocket.join(handle, other.browser);
    expect(await write(theirs, { type: 'request.withdraw', requestId: made.id })).toMatchObject({
      type: 'rejected',
      reason: 'NOT_FOUND',
    });
    expect(await write(theirs, { type: 'request.bump', requestId: made.id, amount: 50 })).toMatchObject({
      reason: 'NOT_FOUND',
    });
    expect(requestOf(await write(socket, { type: 'request.withdraw', requestId: made.id })).status).toBe('withdrawn');
    await runRequestJob(handle);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect(await holdOf(made.id)).toBe(0);
    expect(await write(socket, { type: 'request.bump', requestId: made.id, amount: 50 })).toMatchObject({
      reason: 'ALREADY_DECIDED',
    });
    await expectLedgerOk();
  });
});

describe('the performer’s queue', () => {
  it('accepts one, rejects another with a reason (refunded), and cannot accept the refunded one', async () => {
    const { handle, fan, socket, performerSocket } = await requestRoom({ price: 100 });
    const kept = requestOf(await request(socket, { title: 'Keep' }));
    const dropped = requestOf(await request(socket, { title: 'Drop' }));
    expect(requestOf(await manage(performerSocket, kept.id, 'accept')).status).toBe('queued');
    expect(requestOf(await manage(performerSocket, dropped.id, 'reject', 'Not my style'))).toMatchObject({
      status: 'rejected',
      reason: 'Not my style',
    });
    await runRequestJob(handle);
    expect(await walletOf(fan.userId)).toBe(900);
    expect(await manage(performerSocket, dropped.id, 'accept')).toMatchObject({
      type: 'rejected',
      reason: 'ALREADY_DECIDED',
    });
    expect(await manage(socket, kept.id, 'played')).toMatchObject({ type: 'rejected', reason: 'FORBIDDEN' });
    await expectLedgerOk();
  });

  it('releases a played request to earnings at the usual split once the undo minute has passed', async () => {
    const { handle, performer, performerId, socket, performerSocket } = await requestRoom({ price: 200 });
    const made = requestOf(await request(socket, { title: 'Play me' }));
    await manage(performerSocket, made.id, 'accept');
    expect(requestOf(await manage(performerSocket, made.id, 'playing')).status).toBe('playing');
    expect(requestOf(await manage(performerSocket, made.id, 'played')).status).toBe('played');
    await runRequestJob(handle);
    // Within the undo minute nothing is released.
    expect(await holdOf(made.id)).toBe(200);
    await later(handle, 61_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(0);
    expect(await earningsBalance(performerId)).toBe(140);
    expect(await manage(performerSocket, made.id, 'undo')).toMatchObject({ reason: 'ALREADY_DECIDED' });
    const earnings = (await (await performer.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(earnings).toMatchObject({ allTime: 140, requestsAllTime: 140, requestsLast30Days: 140 });
    await expectLedgerOk();
  });

  it('keeps an anonymous requester out of the performer’s top tippers, while counting the income', async () => {
    const { handle, performer, socket, performerSocket } = await requestRoom({ price: 200, acceptFirst: false });
    const made = requestOf(await request(socket, { title: 'Secret', anonymous: true }));
    await manage(performerSocket, made.id, 'played');
    await later(handle, 61_000);
    await runRequestJob(handle);
    const earnings = (await (await performer.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(earnings).toMatchObject({ requestsAllTime: 140, topTippers: [] });
  });

  it('takes back a played request within the minute: it waits again and nothing is released', async () => {
    const { handle, performerId, socket, performerSocket } = await requestRoom({ price: 200, acceptFirst: false });
    const made = requestOf(await request(socket, { title: 'Oops' }));
    await manage(performerSocket, made.id, 'played');
    expect(requestOf(await manage(performerSocket, made.id, 'undo')).status).toBe('queued');
    await later(handle, 61_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(200);
    expect(await earningsBalance(performerId)).toBe(0);
  });

  it('reorders the waiting requests', async () => {
    const { handle, socket, performerSocket } = await requestRoom({ price: 10, acceptFirst: false, maxPerViewer: 5 });
    const ids = [];
    for (const title of ['A', 'B', 'C']) ids.push(requestOf(await request(socket, { title })).id);
    expect(await write(performerSocket, { type: 'request.reorder', ids: [ids[2], ids[0]] })).toMatchObject({
      type: 'request.result',
    });
    expect((await queueOf(handle))?.queue.map((r) => r.title)).toEqual(['C', 'A', 'B']);
    expect(await write(socket, { type: 'request.reorder', ids })).toMatchObject({ reason: 'FORBIDDEN' });
  });

  it('opens and closes requests live', async () => {
    const { socket, performerSocket } = await requestRoom();
    await write(performerSocket, { type: 'request.open', open: false });
    expect(await request(socket, { title: 'Now?' })).toMatchObject({ reason: 'REQUESTS_CLOSED' });
    await write(performerSocket, { type: 'request.open', open: true });
    expect(await request(socket, { title: 'Now?' })).toMatchObject({ type: 'request.result' });
  });
});

describe('refunds without the performer', () => {
  it('refunds waiting requests when the show ends; the one playing counts as played', async () => {
    const { handle, fan, performer, performerId, socket, performerSocket } = await requestRoom({
      price: 100,
      acceptFirst: false,
    });
    const playing = requestOf(await request(socket, { title: 'On now' }));
    const waiting = requestOf(await request(socket, { title: 'Never reached' }));
    await manage(performerSocket, playing.id, 'playing');
    await performer.fetch('/api/studio/live', { method: 'DELETE' });
    await runRequestJob(handle);
    expect(await walletOf(fan.userId)).toBe(900);
    expect(await holdOf(waiting.id)).toBe(0);
    await later(handle, 61_000);
    await runRequestJob(handle);
    expect(await earningsBalance(performerId)).toBe(70);
    const done = (await queueOf(handle))?.done ?? [];
    expect(done.find((r) => r.id === waiting.id)?.status).toBe('ended');
    await expectLedgerOk();
  });

  it('refunds a request not played within the expiry time', async () => {
    const { handle, fan, socket } = await requestRoom({ price: 100, expiryMinutes: 120 });
    const made = requestOf(await request(socket, { title: 'Slow night' }));
    await madeAgo(handle, 60 * 60_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(100);
    await madeAgo(handle, 121 * 60_000);
    await runRequestJob(handle);
    expect(await holdOf(made.id)).toBe(0);
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect((await queueOf(handle))?.done[0]).toMatchObject({ id: made.id, status: 'expired' });
  });
});

/** As if every request in the room had been made `ms` ago. */
async function madeAgo(handle: string, ms: number): Promise<void> {
  await runInDurableObject(roomStub(handle), (_room: Room, state) => {
    state.storage.sql.exec('update song_requests set at = ?', Date.now() - ms);
  });
}
