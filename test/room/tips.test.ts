import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../workers/money/check.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import { clientId, drained, liveRoom, newRoom, newViewer, RoomSocket } from './room-socket.ts';

const tipsBy = (userId: string) =>
  count("select count(*) as n from ledger_transactions where kind = 'tip' and actor_id = ?", userId);

describe('tips', () => {
  it('commits a tip, answers the tipper with the new balance and shows it to the room', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 250, note: 'great set' });
    const result = await socket.next('tip.result', (m) => m.clientId === id);
    expect(result).toMatchObject({ status: 'accepted', balance: 750 });
    const [tip] = await stage.waitForEvents('tip');
    expect(tip?.tip).toMatchObject({
      id: result.tipId,
      amount: 250,
      tier: 'large',
      note: 'great set',
      private: false,
      from: { handle: fan.handle, role: 'viewer' },
    });
    expect(await walletOf(fan.userId)).toBe(750);
    expect(await earningsBalance(performerId)).toBe(175);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('refuses a tip the wallet cannot cover, with the balance, and shows nothing', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(40);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({
      of: 'tip.send',
      reason: 'INSUFFICIENT_FUNDS',
      balance: 40,
    });
    await drained(handle, socket);
    expect(socket.eventsOf('tip')).toEqual([]);
    expect(await tipsBy(fan.userId)).toBe(0);
  });

  it('makes one tip of a client id sent twice, at once and again later', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    await socket.next('tip.result', (m) => m.clientId === id);
    socket.send({ type: 'tip.send', clientId: id, amount: 100 });
    const results = await Promise.all([0, 1, 2].map(() => socket.next('tip.result', (m) => m.clientId === id)));
    await drained(handle, socket);
    expect(results.every((r) => r.balance === 900)).toBe(true);
    expect(await tipsBy(fan.userId)).toBe(1);
    expect(socket.eventsOf('tip')).toHaveLength(1);
    // The same client id for a different tip is refused, and nothing is written.
    socket.send({ type: 'tip.send', clientId: id, amount: 5 });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({ reason: 'DUPLICATE' });
    expect(await walletOf(fan.userId)).toBe(900);
  });

  it('refuses tips while the room is offline, before and after a show, and charges nothing', async () => {
    const { handle } = await newRoom();
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 50 });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({
      of: 'tip.send',
      reason: 'ROOM_OFFLINE',
    });
    const live = await liveRoom();
    const { socket: inShow } = await RoomSocket.join(live.handle, fan.browser);
    const during = clientId();
    inShow.send({ type: 'tip.send', clientId: during, amount: 50 });
    const accepted = await inShow.next('tip.result', (m) => m.clientId === during);
    await live.performer.fetch('/api/studio/live', { method: 'DELETE' });
    const after = clientId();
    inShow.send({ type: 'tip.send', clientId: after, amount: 50 });
    expect(await inShow.next('rejected', (m) => m.clientId === after)).toMatchObject({ reason: 'ROOM_OFFLINE' });
    // A resend of the tip sent during the show is that same tip, answered as it was.
    const from = inShow.received.length;
    inShow.send({ type: 'tip.send', clientId: during, amount: 50 });
    expect(await inShow.next('tip.result', (m) => m.clientId === during, from)).toMatchObject({
      tipId: accepted.tipId,
    });
    expect(await walletOf(fan.userId)).toBe(450);
    expect(await tipsBy(fan.userId)).toBe(1);
  });

  it('refuses again a tip the offline room refused, resent many times at once once the show is live', async () => {
    const { handle, performer, performerId } = await newRoom();
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 50 });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({ reason: 'ROOM_OFFLINE' });
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(performerId)
      .run();
    expect((await performer.post('/api/studio/live', { title: 'Now live' })).status).toBe(200);
    // The same client id names the same attempt: its first answer stands, on every resend at once.
    const from = socket.received.length;
    for (let i = 0; i < 10; i++) socket.send({ type: 'tip.send', clientId: id, amount: 50 });
    const fresh = clientId();
    socket.send({ type: 'tip.send', clientId: fresh, amount: 50 });
    await socket.next('tip.result', (m) => m.clientId === fresh, from);
    const answers = socket.received
      .slice(from)
      .filter((m) => (m.type === 'rejected' || m.type === 'tip.result') && m.clientId === id);
    expect(answers).toHaveLength(10);
    expect(answers.every((m) => m.type === 'rejected' && m.reason === 'ROOM_OFFLINE')).toBe(true);
    expect(await walletOf(fan.userId)).toBe(450);
    expect(await tipsBy(fan.userId)).toBe(1);
  });

  it('shows a private note only to the performer', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(500);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket: other } = await RoomSocket.join(handle, (await newViewer()).browser);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    socket.send({ type: 'tip.send', clientId: clientId(), amount: 20, note: 'for your ears only', private: true });
    const [seen] = await stage.waitForEvents('tip');
    const [hidden] = await other.waitForEvents('tip');
    const [own] = await socket.waitForEvents('tip');
    expect(seen?.tip).toMatchObject({ note: 'for your ears only', private: true, tier: 'small' });
    expect(hidden?.tip).toMatchObject({ note: null, private: true, amount: 20 });
    expect(own?.tip.note).toBeNull();
    // The same holds for a late joiner's replay.
    const { welcome } = await RoomSocket.join(handle, (await newViewer()).browser, 0);
    expect(JSON.stringify(welcome)).not.toContain('for your ears only');
  });

  it('hides the name of an anonymous tipper from everyone, the performer included', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(1_500);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    socket.send({ type: 'tip.send', clientId: clientId(), amount: 1_000, anonymous: true, note: 'guess who' });
    const [tip] = await stage.waitForEvents('tip');
    expect(tip?.tip).toMatchObject({ from: null, amount: 1_000, tier: 'huge', note: 'guess who' });
    expect(JSON.stringify(stage.received)).not.toContain(fan.handle);
  });

  it('does not let the performer tip their own room', async () => {
    const { handle, performer } = await liveRoom();
    const { socket } = await RoomSocket.join(handle, performer);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 10 });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({ reason: 'FORBIDDEN' });
  });

  it('group-commits a burst of tips from many fans: all land, each answered, ledger clean', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const fans = await Promise.all(Array.from({ length: 8 }, async () => ({ fan: await newViewer(100) })));
    const sockets = await Promise.all(fans.map(async ({ fan }) => (await RoomSocket.join(handle, fan.browser)).socket));
    const sent = sockets.flatMap((socket) => Array.from({ length: 6 }, () => ({ socket, id: clientId() })));
    for (const { socket, id } of sent) socket.send({ type: 'tip.send', clientId: id, amount: 20 });
    const answers = await Promise.all(
      sent.map(({ socket, id }) =>
        Promise.race([
          socket.next('tip.result', (m) => m.clientId === id),
          socket.next('rejected', (m) => m.clientId === id),
        ]),
      ),
    );
    // 100 tokens cover five tips of 20: the sixth of each fan is refused.
    expect(answers.filter((a) => a.type === 'tip.result')).toHaveLength(40);
    expect(answers.filter((a) => a.type === 'rejected' && a.reason === 'INSUFFICIENT_FUNDS')).toHaveLength(8);
    expect(await stage.waitForEvents('tip', 40)).toHaveLength(40);
    expect(await earningsBalance(performerId)).toBe(40 * 14);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
