import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { ApiError } from '../../workers/errors.ts';
import { CallsClient, checkTracks } from '../../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../../workers/realtime/config.ts';
import { grantToken, readToken } from '../../workers/realtime/media-token.ts';
import { SessionQueue } from '../../workers/realtime/session-queue.ts';
import { RoomSocket, roomStub } from '../room/room-socket.ts';
import { onAir } from './fixtures.ts';

afterEach(() => vi.restoreAllMocks());

describe('the Calls client', () => {
  it('refuses a whole answer when any track carries an error, naming the track', () => {
    expect(() =>
      checkTracks(
        [
          { trackName: 'audio-1', mid: '0' },
          { trackName: 'video-1', errorCode: 'not_found', errorDescription: 'no such track' },
        ],
        2,
      ),
    ).toThrow(/refused a track: video-1 \(not_found: no such track\)/);
    expect(() => checkTracks([{ trackName: 'audio-1' }], 2)).toThrow(ApiError);
    expect(checkTracks([{ trackName: 'a' }, { trackName: 'b' }], 2)).toHaveLength(2);
  });

  it('retries a change the SFU refused as concurrent (406), then succeeds', async () => {
    const client = new CallsClient(realtimeConfig(env));
    const session = await client.newSession();
    const real = globalThis.fetch;
    let calls = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls += 1;
      if (calls === 1) return new Response(JSON.stringify({ errorCode: 'concurrent_change' }), { status: 406 });
      return real(input, init);
    });
    expect(await client.session(session)).toMatchObject({ tracks: [] });
    expect(calls).toBe(2);
  });

  it('says the media server is unavailable, with no details, when unreachable or refusing our secret', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('connect ECONNREFUSED'));
    const client = new CallsClient(realtimeConfig(env));
    await expect(client.newSession()).rejects.toMatchObject({ status: 503, code: 'MEDIA_UNAVAILABLE' });
    const wrong = new CallsClient({ ...realtimeConfig(env), secret: 'not-the-secret' });
    await expect(wrong.newSession()).rejects.toMatchObject({ status: 503, code: 'MEDIA_UNAVAILABLE' });
  });

  it('runs changes to one session one after another, and other sessions alongside', async () => {
    const queue = new SessionQueue();
    const order: string[] = [];
    const step = (name: string, ms: number) => () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          order.push(name);
          resolve();
        }, ms),
      );
    await Promise.all([
      queue.run('a', step('a1', 30)),
      queue.run('a', step('a2', 1)),
      queue.run('b', step('b1', 5)),
      queue.run('a', () => Promise.reject(new Error('x'))).catch(() => order.push('a3 failed')),
      queue.run('a', step('a4', 1)),
    ]);
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3 failed', 'a4']);
  });
});

describe('media tokens', () => {
  const grant = { sessionId: 's1', handle: 'nova', role: 'viewer' as const, userId: null };

  it('carry their grant back, and nothing once altered or expired', async () => {
    const token = await grantToken('secret-1', grant);
    expect(await readToken('secret-1', token)).toEqual(grant);
    expect(await readToken('secret-2', token)).toBeNull();
    const [payload = '', signature = ''] = token.split('.');
    expect(await readToken('secret-1', `${payload}x.${signature}`)).toBeNull();
    expect(await readToken('secret-1', token, Date.now() + 25 * 3600 * 1000)).toBeNull();
  });
});

describe('a publisher that went away', () => {
  it('is taken off air by the Room’s alarm once the SFU no longer carries its tracks', async () => {
    const room = await onAir();
    const { socket } = await RoomSocket.join(room.handle);
    await new CallsClient(realtimeConfig(env)).closeTracks(
      room.published.sessionId,
      room.published.tracks.map((t) => t.mid),
    );
    expect(await runDurableObjectAlarm(roomStub(room.handle))).toBe(true);
    expect((await socket.waitForEvents('media')).at(-1)?.media).toEqual({ publication: null, tracks: [] });
  });

  it('is looked after through the Room’s one scheduler: going on air schedules the media check as a job', async () => {
    const room = await onAir();
    const due = await runInDurableObject(
      roomStub(room.handle),
      (_room: Room, state) =>
        state.storage.sql.exec<{ due: number }>("select due from alarms where job = 'media'").toArray()[0]?.due ?? null,
    );
    expect(due).toBeGreaterThan(Date.now());
    // While the SFU still carries the tracks, each check schedules the next one.
    expect(await runDurableObjectAlarm(roomStub(room.handle))).toBe(true);
    const next = await runInDurableObject(
      roomStub(room.handle),
      (_room: Room, state) =>
        state.storage.sql.exec<{ due: number }>("select due from alarms where job = 'media'").toArray()[0]?.due ?? null,
    );
    expect(next).toBeGreaterThan(Date.now());
  });
});
