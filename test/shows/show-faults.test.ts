import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { commit } from '../../workers/money/ledger.ts';
import { showChargeDraft, showChargeKey } from '../../workers/money/show-escrow.ts';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { later, RoomSocket, roomStub } from '../room/room-socket.ts';
import {
  accepted,
  chargesOf,
  holdOf,
  runShowJob,
  showEvents,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

const MINUTE = 60_000;
type Fault = 'before' | 'after' | 'none';

/** The Room's D1 fails every batch: before it runs (nothing lands), or after it ran (it landed, the answer lost). */
async function d1Fails(handle: string, fault: Fault): Promise<void> {
  await runInDurableObject(roomStub(handle), (room: Room) => {
    const context = (room as unknown as { shows: { room: { db: D1Database } } }).shows.room;
    const holder = globalThis as { realD1?: D1Database };
    holder.realD1 ??= context.db;
    const real = holder.realD1;
    if (fault === 'none') {
      context.db = real;
      holder.realD1 = undefined;
      return;
    }
    context.db = new Proxy(real, {
      get: (target, key) =>
        key === 'batch'
          ? async (statements: D1PreparedStatement[]) => {
              if (fault === 'after') await target.batch(statements);
              throw new Error('D1_ERROR: network connection lost');
            }
          : Reflect.get(target, key).bind(target),
    });
  });
}

describe('a private show when things go wrong', () => {
  it('charges a minute once D1 is back when it failed before the commit', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    await d1Fails(handle, 'before');
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    await d1Fails(handle, 'none');
    await later(handle, 5_000);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(showEvents(socket, 'minute').map((e) => e.seat.tally.minutesPaid)).toEqual([1, 2]);
  });

  it('counts a minute once when D1 took the commit but the answer was lost', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    await d1Fails(handle, 'after');
    await runShowJob(handle);
    await d1Fails(handle, 'none');
    await later(handle, 5_000);
    await runShowJob(handle);
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(3);
    expect(await walletOf(fan.userId)).toBe(970);
    expect(showEvents(socket, 'minute').map((e) => e.minute)).toEqual([0, 1, 2]);
  });

  it('ends the show at the last paid boundary when a minute cannot be committed within 30 seconds', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    await d1Fails(handle, 'before');
    await runShowJob(handle);
    await later(handle, 31_000);
    // The show ends; its settlement fails with D1 and is left to the job's next run.
    await expect(runShowJob(handle)).rejects.toThrow('D1_ERROR');
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 1, reason: 'billing' });
    expect((await waitForShowEvent(performerSocket, 'ended')).summary.reason).toBe('billing');
    await d1Fails(handle, 'none');
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await earningsBalance(performerId)).toBe(7);
    expect(await holdOf(showId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('neither loses nor doubles a minute when the Room is evicted mid-show', async () => {
    const { handle, performer, fan, socket } = await showRoom();
    const { socket: studio } = await RoomSocket.join(handle, performer);
    const showId = await startPrivate(socket, studio);
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await socket.closed;
    await later(handle, MINUTE);
    await runShowJob(handle);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(980);
    const { socket: back, welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.snapshot.shows.mine?.tally).toEqual({ minutesPaid: 2, tokens: 20 });
    accepted(await write(back, { type: 'show.end', showId }));
    await runShowJob(handle);
    expect(await holdOf(showId)).toBe(0);
  });

  it('counts once a minute the ledger took just before the Room was evicted', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    // As if the Room sent minute 1 and stopped before it heard the answer: its row pending, the ledger has it.
    const key = showChargeKey(showId, fan.userId, 1);
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      state.storage.sql.exec(
        `insert into show_charges (key, show_id, user_id, minute, minutes, amount, due_at, status)
         values (?, ?, ?, 1, 1, 10, ?, 'pending')`,
        key,
        showId,
        fan.userId,
        Date.now(),
      );
    });
    const draft = { showId, payerId: fan.userId, performerId, anonymous: false, minute: 1, minutes: 1, amount: 10 };
    await commit(env.DB, showChargeDraft(draft), key);
    await evictDurableObject(roomStub(handle));
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(980);
  });
});
