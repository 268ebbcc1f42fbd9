import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { PendingTips } from '../../durable-objects/tips/pending-tips.ts';
import { tipKey } from '../../durable-objects/tips/tip-rules.ts';
import type { ServerMessage } from '../../wire/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

const TIPS = 20;
const AMOUNT = 10;

/** Waits for one answer per client id (accepted or rejected), from `from` on. */
const answersFor = (socket: RoomSocket, ids: string[], from = 0) =>
  Promise.all(
    ids.map((id) =>
      Promise.race([
        socket.next('tip.result', (m) => m.clientId === id, from, 8_000),
        socket.next('rejected', (m) => m.clientId === id, from, 8_000),
      ]),
    ),
  );

async function expectExactlyOnce(fanId: string, performerId: string, handle: string): Promise<void> {
  expect(await count("select count(*) as n from ledger_transactions where kind = 'tip' and actor_id = ?", fanId)).toBe(
    TIPS,
  );
  expect(await walletOf(fanId)).toBe(1_000 - TIPS * AMOUNT);
  expect(await earningsBalance(performerId)).toBe(TIPS * 7);
  expect((await checkLedger(env.DB)).ok).toBe(true);
  // Nothing is left waiting, and each tip was shown once.
  const { welcome } = await RoomSocket.join(handle, undefined, 0);
  const shown = welcome.missed.flatMap((e) => (e.event.kind === 'tip' ? [e.event.tip.id] : []));
  expect(shown).toHaveLength(TIPS);
  expect(new Set(shown).size).toBe(TIPS);
  await runInDurableObject(roomStub(handle), (_room: Room, state) => {
    expect(state.storage.sql.exec<{ n: number }>('select count(*) as n from pending_tips').one().n).toBe(0);
  });
}

describe('the Room restarted mid-tip', () => {
  it('keeps hibernated sockets and commits every pending tip exactly once after an eviction', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = Array.from({ length: TIPS }, clientId);
    for (const id of ids) socket.send({ type: 'tip.send', clientId: id, amount: AMOUNT });
    // Evict while the tips are held or in flight; the sockets hibernate and stay open.
    await evictDurableObject(roomStub(handle));
    await runDurableObjectAlarm(roomStub(handle));
    const answers = await answersFor(socket, ids);
    expect(answers.every((a) => a.type === 'tip.result')).toBe(true);
    // The page resends everything (it cannot know what landed): the ledger keeps the first of each.
    const from = socket.received.length;
    for (const id of ids) socket.send({ type: 'tip.send', clientId: id, amount: AMOUNT });
    const again = await answersFor(socket, ids, from);
    expect(again.map((a) => a.type === 'tip.result' && a.balance)).toEqual(ids.map(() => 1_000 - TIPS * AMOUNT));
    await drained(handle);
    await expectExactlyOnce(fan.userId, performerId, handle);
  });

  it('closes the sockets on eviction; the page reconnects, resends the same ids, and nothing doubles', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = Array.from({ length: TIPS }, clientId);
    for (const id of ids) socket.send({ type: 'tip.send', clientId: id, amount: AMOUNT });
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await socket.closed;
    // Whatever answers arrived before the close, the page resends the rest; here, all of them.
    const { socket: back } = await RoomSocket.join(handle, fan.browser);
    for (const id of ids) back.send({ type: 'tip.send', clientId: id, amount: AMOUNT });
    const answers: ServerMessage[] = await answersFor(back, ids);
    expect(answers.every((a) => a.type === 'tip.result')).toBe(true);
    await drained(handle);
    await expectExactlyOnce(fan.userId, performerId, handle);
  });

  it('commits what a dead Room left pending, once, including tips D1 had already taken', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = Array.from({ length: TIPS }, clientId);
    const from = { handle: fan.handle, displayName: fan.displayName, role: 'viewer' as const };
    // The moment of the crash, made exact: all tips held, and the first half already in D1,
    // as if the Room died after D1 answered but before it released them.
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      const pending = new PendingTips({ sql: state.storage.sql });
      for (const id of ids) {
        pending.hold({
          key: tipKey(fan.userId, id),
          userId: fan.userId,
          clientId: id,
          receivedAt: Date.now(),
          intent: { from, amount: AMOUNT, note: null, private: false, anonymous: false },
        });
      }
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    const firstHalf = ids.slice(0, TIPS / 2).map((id) => ({
      idempotencyKey: tipKey(fan.userId, id),
      tipperId: fan.userId,
      performerId,
      amount: AMOUNT,
      roomId: handle,
    }));
    await commitTips(env.DB, firstHalf, 30);
    await evictDurableObject(roomStub(handle));
    expect(await runDurableObjectAlarm(roomStub(handle))).toBe(true);
    const answers = await answersFor(socket, ids);
    expect(answers.map((a) => a.type === 'tip.result' && a.balance)).toEqual(ids.map(() => 1_000 - TIPS * AMOUNT));
    await drained(handle);
    await expectExactlyOnce(fan.userId, performerId, handle);
  });
});
