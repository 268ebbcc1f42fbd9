import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../workers/money/check.ts';
import { earningsBalance, fund, walletOf } from '../money/fixtures.ts';
import { drained, later } from '../room/room-socket.ts';
import {
  accepted,
  chargesOf,
  holdOf,
  refusal,
  runShowJob,
  showEvents,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

const MINUTE = 60_000;

describe('each next minute taken ahead of its boundary', () => {
  it('takes the next minute before it starts, and refunds it when the show ends before the boundary', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE - 5_000);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(980);
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 1, tokens: 10 });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await earningsBalance(performerId)).toBe(7);
    expect(await holdOf(showId)).toBe(0);
  });

  it('bills a minute started before the end even when the alarm had not charged it yet', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    // The alarm is late (it never ran): the second minute started a second ago and is not charged yet.
    await later(handle, MINUTE + 1_000);
    expect(await chargesOf(showId, fan.userId)).toBe(1);
    accepted(await write(socket, { type: 'show.end', showId }));
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 2, tokens: 20 });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await earningsBalance(performerId)).toBe(14);
    expect(await holdOf(showId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('lets a paid minute run out when the next cannot be taken ahead, and ends at its boundary', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({}, 15);
    const showId = await startPrivate(socket, performerSocket);
    await waitForShowEvent(socket, 'low-balance');
    await later(handle, MINUTE - 5_000);
    await runShowJob(handle);
    await drained(handle, socket);
    expect(showEvents(socket, 'ended')).toEqual([]);
    await later(handle, 5_000);
    await runShowJob(handle);
    const ended = await waitForShowEvent(socket, 'ended');
    expect(ended.summary).toMatchObject({ minutes: 1, tokens: 10, reason: 'funds' });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(5);
    expect(await holdOf(showId)).toBe(0);
  });

  it('keeps the show going when the wallet is topped up before the paid minute runs out', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({}, 15);
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE - 5_000);
    await runShowJob(handle);
    await fund(fan.userId, 100);
    await later(handle, 5_000);
    await runShowJob(handle);
    const minute = await waitForShowEvent(socket, 'minute', 2);
    expect(minute.minute).toBe(1);
    expect(await walletOf(fan.userId)).toBe(95);
    accepted(await write(socket, { type: 'show.end', showId }));
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 2, reason: 'viewer' });
  });

  it('charges the minutes an alarm missed in one transaction when it runs late', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 3 * MINUTE + 1_000);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(960);
    accepted(await write(socket, { type: 'show.end', showId }));
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 4, tokens: 40 });
  });

  it('still takes one minute when the wallet cannot pay every missed one at once', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom({}, 25);
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 3 * MINUTE + 1_000);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    // The next minute is due at once (the alarm would fire again now): the wallet cannot pay it.
    await runShowJob(handle);
    const ended = await waitForShowEvent(socket, 'ended');
    expect(ended.summary).toMatchObject({ minutes: 2, tokens: 20, reason: 'funds' });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(5);
    expect(await holdOf(showId)).toBe(0);
  });

  it('bills once when six Ends and the alarm arrive together after a boundary the alarm had not reached', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE + 1_000);
    const ends = Array.from({ length: 6 }, (_, i) =>
      write(i % 2 ? performerSocket : socket, { type: 'show.end', showId }),
    );
    const [answers] = await Promise.all([Promise.all(ends), runShowJob(handle)]);
    // Each End is answered: the ones after the first find the show over.
    const outcomes = answers.map((a) => (a.type === 'show.result' ? 'ended' : refusal(a)));
    expect(outcomes).toContain('ended');
    expect(outcomes.filter((o) => o !== 'ended' && o !== 'ALREADY_DECIDED')).toEqual([]);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await earningsBalance(performerId)).toBe(14);
    expect(await holdOf(showId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
