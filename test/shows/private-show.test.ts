import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../workers/money/check.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
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

describe('a private show', () => {
  it('goes requested, running, ended, billing each started minute and settling at the usual split', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const asked = accepted(await write(socket, { type: 'show.request', kind: 'private' }));
    const showId = asked.shows.myRequest!.id;
    const prompt = await waitForShowEvent(performerSocket, 'requested');
    expect(prompt.request).toMatchObject({ id: showId, rate: 10, viewer: { handle: fan.handle } });
    accepted(await write(performerSocket, { type: 'show.accept', showId }));
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(10);
    await later(handle, MINUTE);
    await runShowJob(handle);
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(970);
    await later(handle, 20_000);
    accepted(await write(socket, { type: 'show.end', showId }));
    const ended = await waitForShowEvent(socket, 'ended');
    expect(ended.summary).toMatchObject({ minutes: 3, tokens: 30, reason: 'viewer' });
    await runShowJob(handle);
    expect(await holdOf(showId)).toBe(0);
    expect(await earningsBalance(performerId)).toBe(21);
    expect(await count('select count(*) as n from show_participants where show_id = ?', showId)).toBe(1);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('charges nothing when the performer declines', async () => {
    const { fan, performerSocket, socket } = await showRoom();
    const showId = accepted(await write(socket, { type: 'show.request', kind: 'private' })).shows.myRequest!.id;
    accepted(await write(performerSocket, { type: 'show.decline', showId }));
    expect((await waitForShowEvent(socket, 'declined')).reason).toBe('declined');
    expect(await walletOf(fan.userId)).toBe(1_000);
    expect(refusal(await write(performerSocket, { type: 'show.accept', showId }))).toBe('ALREADY_DECIDED');
  });

  it('times out a request after 60 seconds, charging nothing', async () => {
    const { handle, fan, performerSocket, socket } = await showRoom();
    const showId = accepted(await write(socket, { type: 'show.request', kind: 'private' })).shows.myRequest!.id;
    await later(handle, 61_000);
    await runShowJob(handle);
    expect((await waitForShowEvent(socket, 'declined')).reason).toBe('timeout');
    expect(refusal(await write(performerSocket, { type: 'show.accept', showId }))).toBe('ALREADY_DECIDED');
    expect(await walletOf(fan.userId)).toBe(1_000);
  });

  it('charges the minimum minutes when the viewer ends early', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 5 });
    const showId = await startPrivate(socket, performerSocket);
    expect(await walletOf(fan.userId)).toBe(950);
    await later(handle, 30_000);
    accepted(await write(socket, { type: 'show.end', showId }));
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(950);
    expect(await earningsBalance(performerId)).toBe(35);
    expect(await holdOf(showId)).toBe(0);
  });

  it('charges only the started minutes when the performer ends early, refunding the rest of the minimum', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom({ minimumMinutes: 5 });
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE + 1_000);
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ minutes: 2, reason: 'performer' });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await earningsBalance(performerId)).toBe(14);
    expect(await holdOf(showId)).toBe(0);
  });

  it('keeps the rate agreed at start when the performer changes it mid-show', async () => {
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    const { setShows } = await import('./show-helpers.ts');
    expect((await setShows(performer, { privateRate: 100 })).status).toBe(200);
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    accepted(await write(socket, { type: 'show.end', showId }));
  });

  it('bills a minute once however many times the job runs for it', async () => {
    const { handle, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    await Promise.all([runShowJob(handle), runShowJob(handle), runShowJob(handle)]);
    await runShowJob(handle);
    expect(await chargesOf(showId, fan.userId)).toBe(2);
    expect(await walletOf(fan.userId)).toBe(980);
  });

  it('warns both sides 60 s ahead when the wallet cannot pay the next minute, then ends when paid up', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom({}, 25);
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, MINUTE);
    await runShowJob(handle);
    const warning = await waitForShowEvent(socket, 'low-balance');
    await waitForShowEvent(performerSocket, 'low-balance');
    expect(await walletOf(fan.userId)).toBe(5);
    await later(handle, MINUTE);
    await runShowJob(handle);
    const ended = await waitForShowEvent(socket, 'ended');
    expect(ended.summary).toMatchObject({ minutes: 2, tokens: 20, reason: 'funds' });
    expect(warning.endsAt).toBeGreaterThan(0);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(5);
    expect(await earningsBalance(performerId)).toBe(14);
    expect(await holdOf(showId)).toBe(0);
    await drained(handle, socket);
    expect(showEvents(socket, 'minute').map((e) => e.minute)).toEqual([0, 1]);
  });
});
