import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { PendingTips } from '../../durable-objects/tips/pending-tips.ts';
import { LOOKUPS_PER_SOCKET, PENDING_EXPIRY_MS } from '../../durable-objects/tips/tip-desk.ts';
import { tipKey } from '../../durable-objects/tips/tip-rules.ts';
import type { HistoryResponse, TipFateResponse } from '../../wire/money.ts';
import { CloseCode } from '../../wire/room.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { count } from '../money/fixtures.ts';
import { clientId, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

const lookup = async (socket: RoomSocket, id: string) => {
  const from = socket.received.length;
  socket.send({ type: 'tip.lookup', clientId: id });
  return socket.about(id, from);
};

/** A live room where a fan with 100 tokens tipped 60 (accepted), then 60 again (refused: too little left). */
async function oneTipPaidOneRefused() {
  const { handle } = await liveRoom();
  const fan = await newViewer(100);
  const { socket } = await RoomSocket.join(handle, fan.browser);
  const [paid, refused] = [clientId(), clientId()];
  socket.send({ type: 'tip.send', clientId: paid, amount: 60 });
  const accepted = await socket.next('tip.result', (m) => m.clientId === paid);
  socket.send({ type: 'tip.send', clientId: refused, amount: 60 });
  await socket.next('rejected', (m) => m.clientId === refused);
  return { handle, fan, socket, paid, refused, accepted };
}

describe('looking up a tip by its client id', () => {
  it('answers from the ledger on a new socket: accepted with its id, refused with a reason, else unknown', async () => {
    const { handle, fan, socket, paid, refused, accepted } = await oneTipPaidOneRefused();
    // The socket dies; the page comes back on a new one and asks instead of guessing.
    socket.close();
    const { socket: back } = await RoomSocket.join(handle, fan.browser);
    expect(await lookup(back, paid)).toMatchObject({ type: 'tip.result', tipId: accepted.tipId, balance: 40 });
    expect(await lookup(back, refused)).toMatchObject({
      type: 'rejected',
      of: 'tip.send',
      reason: 'INSUFFICIENT_FUNDS',
      balance: 40,
    });
    expect(await lookup(back, clientId())).toEqual({
      type: 'tip.status',
      clientId: expect.any(String),
      status: 'unknown',
    });
    // Someone else's client id finds nothing: the key is the asker's own.
    const { socket: stranger } = await RoomSocket.join(handle, (await newViewer()).browser);
    expect(await lookup(stranger, paid)).toMatchObject({ type: 'tip.status', status: 'unknown' });
  });

  it('says a tip still waiting in the Room is pending', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      const from = { handle: fan.handle, displayName: fan.displayName, role: 'viewer' as const };
      new PendingTips({ sql: state.storage.sql }).hold({
        key: tipKey(fan.userId, id),
        userId: fan.userId,
        clientId: id,
        receivedAt: Date.now(),
        intent: { from, amount: 5, note: null, private: false, anonymous: false },
      });
    });
    expect(await lookup(socket, id)).toMatchObject({ type: 'tip.status', status: 'pending' });
  });

  it('answers an expired tip from the ledger after eviction: accepted if it landed, not TRY_AGAIN', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    const from = { handle: fan.handle, displayName: fan.displayName, role: 'viewer' as const };
    // The Room took the tip, D1 committed it, the answer was lost and the Room died; it wakes after the expiry.
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      new PendingTips({ sql: state.storage.sql }).hold({
        key: tipKey(fan.userId, id),
        userId: fan.userId,
        clientId: id,
        receivedAt: Date.now() - PENDING_EXPIRY_MS - 1,
        intent: { from, amount: 30, note: null, private: false, anonymous: false },
      });
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    const [landed] = await commitTips(
      env.DB,
      [{ idempotencyKey: tipKey(fan.userId, id), tipperId: fan.userId, performerId, amount: 30, roomId: handle }],
      30,
    );
    await evictDurableObject(roomStub(handle));
    await runDurableObjectAlarm(roomStub(handle));
    const answer = await Promise.race([
      socket.next('tip.result', (m) => m.clientId === id),
      socket.next('rejected', (m) => m.clientId === id),
    ]);
    expect(answer).toMatchObject({
      type: 'tip.result',
      tipId: landed?.status === 'accepted' ? landed.transactionId : '',
      balance: 70,
    });
    // It is shown in the room once, late, and charged once.
    const [shown] = await socket.waitForEvents('tip');
    expect(shown?.tip).toMatchObject({ amount: 30 });
    expect(
      await count("select count(*) as n from ledger_transactions where kind = 'tip' and actor_id = ?", fan.userId),
    ).toBe(1);
  });
});

describe('GET /api/wallet/tips/:clientId', () => {
  it('tells the tipper what became of their tip, and nobody else; wallet history shows the client id', async () => {
    const { handle, fan, paid, refused, accepted } = await oneTipPaidOneRefused();
    const fate = async (browser: typeof fan.browser, id: string) => {
      const response = await browser.fetch(`/api/wallet/tips/${id}`);
      return {
        status: response.status,
        body: (await response.json()) as TipFateResponse | { error: { code: string } },
      };
    };
    expect(await fate(fan.browser, paid)).toEqual({
      status: 200,
      body: {
        clientId: paid,
        status: 'accepted',
        tipId: accepted.tipId,
        amount: 60,
        room: handle,
        at: expect.any(String),
      },
    });
    expect(await fate(fan.browser, refused)).toEqual({
      status: 200,
      body: { clientId: refused, status: 'refused', reason: 'INSUFFICIENT_FUNDS' },
    });
    expect(await fate(fan.browser, clientId())).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await fate((await newViewer()).browser, paid)).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect((await fate(fan.browser, 'no')).status).toBe(400);
    const history = (await (await fan.browser.fetch('/api/wallet/history')).json()) as HistoryResponse;
    expect(history.items.find((item) => item.kind === 'tip')).toMatchObject({ amount: -60, clientId: paid });
    expect(history.items.find((item) => item.kind === 'purchase')?.clientId).toBeNull();
  });
});

describe('tip lookups on one socket', () => {
  it('answers lookups on one socket up to its budget, then closes it as abuse: it cannot keep D1 busy', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const count = LOOKUPS_PER_SOCKET + 20;
    for (let i = 0; i < count; i++) socket.send({ type: 'tip.lookup', clientId: clientId() });
    expect((await socket.closed).code).toBe(CloseCode.ABUSE);
    // Answers still on their way to the ledger when it closed are not sent: at most the budget arrives.
    expect(socket.received.filter((m) => m.type === 'tip.status').length).toBeLessThanOrEqual(LOOKUPS_PER_SOCKET);
    expect(socket.received).toContainEqual(expect.objectContaining({ type: 'error', code: 'ABUSE' }));
  });
});
