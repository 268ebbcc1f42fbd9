import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOW_SETTINGS } from '../../wire/shows.ts';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { moderate } from '../room/moderation-helpers.ts';
import { clientId, later, newViewer, RoomSocket } from '../room/room-socket.ts';
import {
  accepted,
  holdOf,
  refusal,
  runShowJob,
  setShows,
  showRoom,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

describe('paid-show refusals', () => {
  it('refuses a request while a show runs, and a second request of your own', async () => {
    const { handle, performerSocket, socket } = await showRoom();
    accepted(await write(socket, { type: 'show.request', kind: 'private' }));
    expect(refusal(await write(socket, { type: 'show.request', kind: 'private' }))).toBe('SHOW_BUSY');
    const other = await newViewer(500);
    const { socket: otherSocket } = await RoomSocket.join(handle, other.browser);
    expect(refusal(await write(socket, { type: 'show.end', showId: 'no-such-show' }))).toBe('NOT_FOUND');
    const request = accepted(await write(otherSocket, { type: 'show.request', kind: 'private' })).shows.myRequest!;
    accepted(await write(performerSocket, { type: 'show.accept', showId: request.id }));
    expect(refusal(await write(socket, { type: 'show.request', kind: 'private' }))).toBe('SHOW_BUSY');
  });

  it('takes one of two accepts sent at once and refuses the other', async () => {
    const { performerSocket, fan, socket } = await showRoom();
    const showId = accepted(await write(socket, { type: 'show.request', kind: 'private' })).shows.myRequest!.id;
    const [a, b] = await Promise.all([
      write(performerSocket, { type: 'show.accept', showId }),
      write(performerSocket, { type: 'show.accept', showId }),
    ]);
    expect([a.type, b.type].sort()).toEqual(['rejected', 'show.result']);
    expect(await walletOf(fan.userId)).toBe(990);
    expect(await holdOf(showId)).toBe(10);
  });

  it('refuses a resend of a request as the same request', async () => {
    const { socket } = await showRoom();
    const id = clientId();
    const first = accepted(await write(socket, { type: 'show.request', kind: 'private' }, id));
    const again = accepted(await write(socket, { type: 'show.request', kind: 'private' }, id));
    expect(again.shows.myRequest?.id).toBe(first.shows.myRequest?.id);
  });

  it('refuses a muted viewer, a frozen wallet, a short wallet, and shows that are off', async () => {
    const { handle, performer, performerSocket, fan, socket } = await showRoom();
    const muted = await newViewer(1_000);
    const { socket: mutedSocket } = await RoomSocket.join(handle, muted.browser);
    await moderate(performerSocket, { kind: 'mute', handle: muted.handle });
    expect(refusal(await write(mutedSocket, { type: 'show.request', kind: 'private' }))).toBe('MUTED');
    await env.DB.prepare("insert into wallet_freezes (user_id, reason, created_at) values (?, 'test', ?)")
      .bind(fan.userId, Date.now())
      .run();
    expect(refusal(await write(socket, { type: 'show.request', kind: 'private' }))).toBe('WALLET_FROZEN');
    const poor = await newViewer(5);
    const { socket: poorSocket } = await RoomSocket.join(handle, poor.browser);
    const short = await write(poorSocket, { type: 'show.request', kind: 'private' });
    expect(short).toMatchObject({ type: 'rejected', reason: 'INSUFFICIENT_FUNDS', balance: 5 });
    expect(refusal(await write(poorSocket, { type: 'show.request', kind: 'session-video' }))).toBe('SHOWS_OFF');
    expect((await setShows(performer, { privateOn: false })).status).toBe(200);
    const rich = await newViewer(1_000);
    const { socket: richSocket } = await RoomSocket.join(handle, rich.browser);
    expect(refusal(await write(richSocket, { type: 'show.request', kind: 'private' }))).toBe('SHOWS_OFF');
    expect(refusal(await write(richSocket, { type: 'show.request', kind: 'private', camToCam: true }))).toBe(
      'SHOWS_OFF',
    );
  });

  it('refuses rates outside 6 to 999 tokens a minute, changing nothing', async () => {
    const { performer } = await showRoom({ privateRate: 12 });
    for (const privateRate of [5, 1_000, 10.5]) {
      const response = await performer.fetch('/api/studio/shows/settings', {
        method: 'PUT',
        json: { ...DEFAULT_SHOW_SETTINGS, privateRate },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    const now = (await (await performer.fetch('/api/studio/shows/settings')).json()) as {
      settings: { privateRate: number };
    };
    expect(now.settings.privateRate).toBe(12);
  });

  it('refuses accepting, declining or ending a show that is not yours, or unknown', async () => {
    const { handle, performerSocket, socket } = await showRoom();
    const showId = accepted(await write(socket, { type: 'show.request', kind: 'private' })).shows.myRequest!.id;
    const stranger = await newViewer(100);
    const { socket: strangerSocket } = await RoomSocket.join(handle, stranger.browser);
    expect(refusal(await write(strangerSocket, { type: 'show.accept', showId }))).toBe('FORBIDDEN');
    expect(refusal(await write(strangerSocket, { type: 'show.end', showId }))).toBe('FORBIDDEN');
    expect(refusal(await write(performerSocket, { type: 'show.accept', showId: 'no-such-show' }))).toBe('NOT_FOUND');
    accepted(await write(performerSocket, { type: 'show.accept', showId }));
    expect(refusal(await write(strangerSocket, { type: 'show.end', showId }))).toBe('FORBIDDEN');
    expect(refusal(await write(performerSocket, { type: 'show.accept', showId }))).toBe('ALREADY_DECIDED');
  });

  it('refuses a spy when spying is off', async () => {
    const { handle, performerSocket, socket } = await showRoom({ spyRate: 0 });
    const showId = await startPrivate(socket, performerSocket);
    const spy = await newViewer(100);
    const { socket: spySocket } = await RoomSocket.join(handle, spy.browser);
    expect(refusal(await write(spySocket, { type: 'show.spy', showId }))).toBe('SPY_OFF');
    expect(await walletOf(spy.userId)).toBe(100);
  });

  it('ends the show and settles the minutes so far when the performer’s approval is revoked mid-show', async () => {
    const { handle, performerId, performerSocket, fan, socket } = await showRoom();
    const showId = await startPrivate(socket, performerSocket);
    await later(handle, 60_000);
    await runShowJob(handle);
    await env.DB.prepare("update performer_profiles set kyc_status = 'rejected' where user_id = ?")
      .bind(performerId)
      .run();
    await later(handle, 60_000);
    await runShowJob(handle);
    expect((await waitForShowEvent(socket, 'ended')).summary).toMatchObject({ reason: 'verification', minutes: 2 });
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(980);
    expect(await earningsBalance(performerId)).toBe(14);
    expect(await holdOf(showId)).toBe(0);
  });

  it('asks an anonymous guest to log in', async () => {
    const { handle } = await showRoom();
    const { socket: guest } = await RoomSocket.join(handle);
    expect(refusal(await write(guest, { type: 'show.request', kind: 'private' }))).toBe('SIGN_IN_REQUIRED');
  });
});
