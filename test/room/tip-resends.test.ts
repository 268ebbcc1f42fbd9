import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../wire/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { count, fund, walletOf } from '../money/fixtures.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

/** A client id names one attempt: whatever changed since, a resend gets the first definitive answer. */
const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000).toISOString();
const tipsBy = (userId: string) =>
  count("select count(*) as n from ledger_transactions where kind = 'tip' and actor_id = ?", userId);

type Answer = Extract<ServerMessage, { type: 'tip.result' | 'rejected' }>;
const answerTo = (socket: RoomSocket, id: string, from = 0): Promise<Answer> =>
  Promise.race([
    socket.next('tip.result', (m) => m.clientId === id, from),
    socket.next('rejected', (m) => m.clientId === id, from),
  ]);
/** Every answer about `id` a socket got, as what the page would show (the balance aside). */
const verdicts = (socket: RoomSocket, id: string) =>
  socket.received.flatMap((m) =>
    m.type === 'tip.result' && m.clientId === id
      ? [`accepted ${m.tipId}`]
      : m.type === 'rejected' && m.clientId === id
        ? [m.reason]
        : [],
  );

describe('a resend of a tip', () => {
  it('is answered as accepted, with the first tip id, after the escrowed goal it went to ended', async () => {
    const { handle, performer } = await liveRoom();
    await performer.fetch('/api/studio/goal', {
      method: 'PUT',
      json: { title: 'Charity', target: 1_000, escrow: true, deadline: inAnHour() },
    });
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    const first = await answerTo(socket, id);
    expect(first).toMatchObject({ type: 'tip.result', status: 'accepted' });
    // The goal ends (its tips go back); the page, unsure its answer arrived, resends.
    await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    const from = socket.received.length;
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    expect(await answerTo(socket, id, from)).toMatchObject({
      type: 'tip.result',
      tipId: first.type === 'tip.result' ? first.tipId : '',
    });
    expect(await tipsBy(fan.userId)).toBe(1);
  });

  it('sent many times at once from several tabs after a new goal is one tip; every answer is the first', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(500);
    const tabs = await Promise.all([0, 1, 2].map(async () => (await RoomSocket.join(handle, fan.browser)).socket));
    const id = clientId();
    tabs[0]!.send({ type: 'tip.send', clientId: id, amount: 100 });
    const first = await answerTo(tabs[0]!, id);
    expect(first.type).toBe('tip.result');
    await performer.fetch('/api/studio/goal', {
      method: 'PUT',
      json: { title: 'New one', target: 1_000, escrow: true, deadline: inAnHour() },
    });
    const marks = tabs.map((tab) => tab.received.length);
    for (const tab of tabs) for (let i = 0; i < 10; i++) tab.send({ type: 'tip.send', clientId: id, amount: 100 });
    await Promise.all(tabs.map((tab, i) => answerTo(tab, id, marks[i])));
    await drained(handle, ...tabs);
    const all = tabs.flatMap((tab) => verdicts(tab, id));
    expect(new Set(all)).toEqual(new Set([`accepted ${first.type === 'tip.result' ? first.tipId : ''}`]));
    expect(await tipsBy(fan.userId)).toBe(1);
    expect(await walletOf(fan.userId)).toBe(400);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});

describe('tips cut off by an eviction', () => {
  it('resent on a new socket after their goal ended are each still one tip, answered as accepted', async () => {
    const { handle, performer } = await liveRoom();
    await performer.fetch('/api/studio/goal', {
      method: 'PUT',
      json: { title: 'Cut off', target: 10_000, escrow: true, deadline: inAnHour() },
    });
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = Array.from({ length: 10 }, clientId);
    for (const id of ids) socket.send({ type: 'tip.send', clientId: id, amount: 10 });
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await socket.closed;
    await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    const { socket: back } = await RoomSocket.join(handle, fan.browser);
    for (const id of ids) back.send({ type: 'tip.send', clientId: id, amount: 10 });
    const answers = await Promise.all(ids.map((id) => answerTo(back, id)));
    expect(answers.map((a) => a.type)).toEqual(ids.map(() => 'tip.result'));
    expect(await tipsBy(fan.userId)).toBe(10);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});

describe('a refused client id', () => {
  it('stays refused after the wallet is refilled, and nothing is charged', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(40);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    expect(await answerTo(socket, id)).toMatchObject({ type: 'rejected', reason: 'INSUFFICIENT_FUNDS' });
    await fund(fan.userId, 1_000);
    const from = socket.received.length;
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    expect(await answerTo(socket, id, from)).toMatchObject({ type: 'rejected', reason: 'INSUFFICIENT_FUNDS' });
    expect(await walletOf(fan.userId)).toBe(1_040);
    expect(await tipsBy(fan.userId)).toBe(0);
  });

  it('sent many times at once after a refill is refused every time; a new client id then tips', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(40);
    const tabs = await Promise.all([0, 1, 2].map(async () => (await RoomSocket.join(handle, fan.browser)).socket));
    const id = clientId();
    tabs[0]!.send({ type: 'tip.send', clientId: id, amount: 100 });
    expect(await answerTo(tabs[0]!, id)).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    await fund(fan.userId, 1_000);
    const marks = tabs.map((tab) => tab.received.length);
    for (const tab of tabs) for (let i = 0; i < 10; i++) tab.send({ type: 'tip.send', clientId: id, amount: 100 });
    await Promise.all(tabs.map((tab, i) => answerTo(tab, id, marks[i])));
    await drained(handle, ...tabs);
    expect(new Set(tabs.flatMap((tab) => verdicts(tab, id)))).toEqual(new Set(['INSUFFICIENT_FUNDS']));
    expect(await tipsBy(fan.userId)).toBe(0);
    const fresh = clientId();
    tabs[1]!.send({ type: 'tip.send', clientId: fresh, amount: 100 });
    expect(await answerTo(tabs[1]!, fresh)).toMatchObject({ type: 'tip.result', balance: 940 });
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('used again for a different tip is a duplicate, and nothing is charged', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(40);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    await answerTo(socket, id);
    const from = socket.received.length;
    socket.send({ type: 'tip.send', clientId: id, amount: 10 });
    expect(await answerTo(socket, id, from)).toMatchObject({ type: 'rejected', reason: 'DUPLICATE' });
    expect(await walletOf(fan.userId)).toBe(40);
  });
});
