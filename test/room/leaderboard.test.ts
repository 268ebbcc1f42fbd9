import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { Leaderboards } from '../../durable-objects/tips/leaderboards.ts';
import { walletOf } from '../money/fixtures.ts';
import { clientId, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

async function tip(socket: RoomSocket, amount: number, extra: Record<string, unknown> = {}) {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount, ...extra });
  await socket.next('tip.result', (m) => m.clientId === id);
}

describe('the leaderboard', () => {
  it('ranks the top tippers of the show and crowns the king of the room, live and in the snapshot', async () => {
    const { handle } = await liveRoom();
    const ana = await newViewer(1000);
    const bo = await newViewer(1000);
    const a = (await RoomSocket.join(handle, ana.browser)).socket;
    const b = (await RoomSocket.join(handle, bo.browser)).socket;
    await tip(a, 100);
    await tip(b, 150);
    await tip(a, 100);
    const boards = await b.waitForEvents('leaderboard', 3);
    expect(boards.at(-1)?.leaderboard).toEqual({
      show: [
        { handle: ana.handle, displayName: ana.displayName, tokens: 200 },
        { handle: bo.handle, displayName: bo.displayName, tokens: 150 },
      ],
      king: { handle: ana.handle, displayName: ana.displayName, tokens: 200 },
    });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.leaderboard.show.map((t) => t.tokens)).toEqual([200, 150]);
  });

  it('does not rank anonymous tips, and counts a retried tip once', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(1000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 300, { anonymous: true });
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 40 });
    await socket.next('tip.result', (m) => m.clientId === id);
    socket.send({ type: 'tip.send', clientId: id, amount: 40 });
    await socket.answers(4); // welcome, the anonymous tip, the tip and its retry
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.leaderboard).toEqual({
      show: [{ handle: fan.handle, displayName: fan.displayName, tokens: 40 }],
      king: { handle: fan.handle, displayName: fan.displayName, tokens: 40 },
    });
  });

  it('starts each show with an empty board, while the king keeps his crown', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(1000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 120);
    await performer.fetch('/api/studio/live', { method: 'DELETE' });
    await performer.post('/api/studio/live', { title: 'Second show' });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.leaderboard).toEqual({
      show: [],
      king: { handle: fan.handle, displayName: fan.displayName, tokens: 120 },
    });
  });

  it('takes refunded goal tips back out of the board, the king line and the recent tips', async () => {
    const { handle, performer } = await liveRoom();
    await performer.fetch('/api/studio/goal', {
      method: 'PUT',
      json: {
        title: 'Missed one',
        target: 10_000,
        escrow: true,
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    const [ana, bo] = await Promise.all([newViewer(1000), newViewer(1000)]);
    const a = (await RoomSocket.join(handle, ana.browser)).socket;
    const b = (await RoomSocket.join(handle, bo.browser)).socket;
    await tip(a, 300);
    await b.next('events', (m) =>
      m.events.some((e) => e.event.kind === 'leaderboard' && e.event.leaderboard.king?.handle === ana.handle),
    );
    await performer.fetch('/api/studio/goal', { method: 'DELETE' });
    await tip(b, 50);
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await walletOf(ana.userId)).toBe(1000));
    const bo50 = { handle: bo.handle, displayName: bo.displayName, tokens: 50 };
    await b.next('events', (m) =>
      m.events.some((e) => e.event.kind === 'leaderboard' && e.event.leaderboard.king?.handle === bo.handle),
    );
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.leaderboard).toEqual({ show: [bo50], king: bo50 });
    expect(welcome.snapshot.tips.map((t) => t.amount)).toEqual([50]);
    // Pages already open drop it from their tip feed too.
    const [anaTip] = a.eventsOf('tip');
    expect((await b.waitForEvents('tips.refunded'))[0]?.ids).toEqual([anaTip?.tip.id]);
  });

  it('reads the boards without writing; the next tip drops tips older than the king window, by an index', async () => {
    await runInDurableObject(env.ROOM.getByName(`boards_${crypto.randomUUID()}`), (_room: Room, state) => {
      const sql = state.storage.sql;
      const boards = new Leaderboards({ sql });
      const now = Date.now();
      const day = 24 * 60 * 60 * 1000;
      const fan = (handle: string) => ({ handle, displayName: handle, role: 'viewer' as const });
      boards.record('old-tip', fan('yesterday'), 500, now, true);
      const rows = () =>
        sql
          .exec<{ n: number }>(
            'select (select count(*) from counted_tips) + (select count(*) from hourly_tippers) as n',
          )
          .one().n;
      // Every join reads the boards: that read changes nothing, and a day later the tip no longer counts.
      expect(boards.current(now).king?.handle).toBe('yesterday');
      expect(boards.current(now + day).king).toBeNull();
      expect(rows()).toBe(2);
      // A write drops what no longer counts.
      boards.record('new-tip', fan('today'), 5, now + day, true);
      expect(rows()).toBe(2);
      expect(
        sql
          .exec<{ tip_id: string }>('select tip_id from counted_tips')
          .toArray()
          .map((r) => r.tip_id),
      ).toEqual(['new-tip']);
      expect(
        sql.exec("select name from sqlite_master where type = 'index' and name = 'counted_tips_at'").toArray(),
      ).toHaveLength(1);
    });
  });
});
