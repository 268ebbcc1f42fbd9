import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SOCKET_CAP, TOO_MANY_GUESTS, TOO_MANY_TABS } from '../../durable-objects/transport/sockets.ts';
import type { LiveRoomsResponse } from '../../wire/live.ts';
import { CloseCode } from '../../wire/room.ts';
import { Browser } from '../client.ts';
import { newRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

type Closed = { code: number; reason: string };

/** Opens `count` sockets to the room as `browser`, all at once. */
const burst = (handle: string, browser: Browser, count: number) =>
  Promise.all(Array.from({ length: count }, () => RoomSocket.open(handle, browser)));

/** Resolves with the first `count` closes among `sockets`, and which sockets they were. */
function closesOf(sockets: RoomSocket[], count: number): Promise<{ closed: Set<RoomSocket>; codes: Closed[] }> {
  return new Promise((resolve) => {
    const closed = new Set<RoomSocket>();
    const codes: Closed[] = [];
    for (const socket of sockets) {
      void socket.closed.then((c) => {
        closed.add(socket);
        codes.push(c);
        if (codes.length === count) resolve({ closed, codes });
      });
    }
  });
}

async function liveRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  expect((await room.performer.post('/api/studio/live', { title: 'Counting' })).status).toBe(200);
  return room;
}

describe('sockets per client in a room', () => {
  it('keeps an account to five sockets when thirty open at once, closing the rest with a code and reason', async () => {
    const { handle } = await newRoom();
    const viewer = await newViewer();
    const sockets = await burst(handle, viewer.browser, 30);
    const { closed, codes } = await closesOf(sockets, 30 - SOCKET_CAP.account);
    expect(new Set(codes.map((c) => c.code))).toEqual(new Set([CloseCode.TOO_MANY_CONNECTIONS]));
    expect(new Set(codes.map((c) => c.reason))).toEqual(new Set([TOO_MANY_TABS]));
    const open = sockets.filter((s) => !closed.has(s));
    expect(open).toHaveLength(SOCKET_CAP.account);
    const welcomes = await Promise.all(open.map((s) => s.hello()));
    expect(welcomes.every((w) => w.you?.handle === viewer.handle)).toBe(true);
  });

  it('closes an account’s oldest tab when one more opens', async () => {
    const { handle } = await newRoom();
    const viewer = await newViewer();
    const tabs: RoomSocket[] = [];
    for (let i = 0; i < SOCKET_CAP.account; i++) tabs.push((await RoomSocket.join(handle, viewer.browser)).socket);
    const { socket: newest } = await RoomSocket.join(handle, viewer.browser);
    expect(await tabs[0]!.closed).toEqual({ code: CloseCode.TOO_MANY_CONNECTIONS, reason: TOO_MANY_TABS });
    // The others stay: each still answers.
    await Promise.all([...tabs.slice(1), newest].map((s) => s.ping()));
  });

  it('turns away a guest network’s sockets past its cap, and not another network’s', async () => {
    const { handle } = await newRoom();
    const guest = new Browser();
    const sockets = await burst(handle, guest, 50);
    const { closed, codes } = await closesOf(sockets, 50 - SOCKET_CAP.guestNetwork);
    expect(codes.every((c) => c.code === CloseCode.TOO_MANY_CONNECTIONS && c.reason === TOO_MANY_GUESTS)).toBe(true);
    await Promise.all(sockets.filter((s) => !closed.has(s)).map((s) => s.ping()));
    const { welcome } = await RoomSocket.join(handle, new Browser());
    expect(welcome.you).toBeNull();
  });

  it('holds a guest to one network however many IPv6 addresses of their own /64 they open sockets from', async () => {
    const { handle } = await liveRoom();
    // Every IPv6 connection owns a /64: its holder can pick a fresh address for each socket.
    const count = SOCKET_CAP.guestNetwork + 10;
    const guests = Array.from({ length: count }, (_, i) =>
      Object.assign(new Browser(), { ip: `2001:db8:7:42:${(i + 1).toString(16)}::1` }),
    );
    const sockets = await Promise.all(guests.map((guest) => RoomSocket.open(handle, guest)));
    const { closed, codes } = await closesOf(sockets, 10);
    expect(codes.every((c) => c.code === CloseCode.TOO_MANY_CONNECTIONS && c.reason === TOO_MANY_GUESTS)).toBe(true);
    await Promise.all(sockets.filter((s) => !closed.has(s)).map((s) => s.ping()));
    expect((await roomStub(handle).liveState()).viewers).toBe(1);
  });

  it('counts one viewer per account and per guest network however many sockets, in room and directory', async () => {
    const { handle, performer } = await liveRoom();
    const viewer = await newViewer();
    const guest = new Browser();
    const sockets = (await Promise.all([burst(handle, viewer.browser, 30), burst(handle, guest, 50)])).flat();
    const { closed } = await closesOf(sockets, 30 - SOCKET_CAP.account + 50 - SOCKET_CAP.guestNetwork);
    const welcomes = await Promise.all(sockets.filter((s) => !closed.has(s)).map((s) => s.hello()));
    expect(welcomes.at(-1)?.snapshot.viewers).toBe(2);
    expect((await roomStub(handle).liveState()).viewers).toBe(2);
    // Retitling writes the current count to the directory at once (otherwise it follows within seconds).
    await performer.post('/api/studio/live', { title: 'Still counting' });
    const listed = ((await (await new Browser().fetch('/api/rooms')).json()) as LiveRoomsResponse).rooms.find(
      (r) => r.handle === handle,
    );
    expect(listed?.viewers).toBe(2);
  });
});
