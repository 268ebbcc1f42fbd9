import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Room } from '../../durable-objects/room.ts';
import { Browser } from '../client.ts';
import { walletOf } from '../money/fixtures.ts';
import { drained, liveRoom, newRoom, newViewer, roomStub } from './room-socket.ts';

/** The test bindings as a production deploy has them: no opt-in to the local stand-ins. */
const { LOCAL_STAND_INS: _optIn, ...withoutOptIn } = env;
const production = { ...withoutOptIn, ...env.TEST_DEPLOY_VARS.production } as Env;
const notHere = { ok: false, error: { status: 404, code: 'NOT_FOUND', message: 'Not available here' } };

describe("the Room's bench and test-only calls", () => {
  it('are answered on the local stack', async () => {
    const { handle } = await newRoom();
    expect(await roomStub(handle).benchMode({ naive: false })).toEqual({ ok: true, value: null });
    expect(await roomStub(handle).drainForTests()).toEqual({ ok: true, value: null });
    expect(await roomStub(handle).advanceClockForTests(0)).toEqual({ ok: true, value: null });
  });

  it('are what the dev bench route drives: the naive path on, tips straight on the tip desk, then off', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(100);
    const bench = new Browser();
    expect((await bench.post('/dev/bench/room-mode', { handle, naive: true })).status).toBe(200);
    const tips = await bench.post('/dev/bench/room-tips', { handle, tippers: [fan.userId], count: 3, tag: 'once' });
    expect(tips.status).toBe(200);
    await drained(handle);
    expect(await walletOf(fan.userId)).toBe(97);
    expect((await bench.post('/dev/bench/room-mode', { handle, naive: false })).status).toBe(200);
  });

  it('are refused in production, as a /dev route is, and do nothing', async () => {
    const { handle } = await newRoom();
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      const deployed = new Room(state, production);
      expect(await deployed.benchMode({ naive: true })).toEqual(notHere);
      expect(await deployed.benchMode({ tips: { tippers: ['someone'], count: 1, tag: 'x' } })).toEqual(notHere);
      expect(await deployed.drainForTests()).toEqual(notHere);
      expect(await deployed.advanceClockForTests(60_000)).toEqual(notHere);
      expect(state.storage.sql.exec('select count(*) as n from pending_tips').one().n).toBe(0);
    });
  });
});
