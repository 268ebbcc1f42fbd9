import { describe, expect, it, vi } from 'vitest';
import { CHAT_HISTORY_SIZE } from '../../wire/room.ts';
import { clientId, drained, newRoom, newViewer, RoomSocket } from './room-socket.ts';

describe('joining a room', () => {
  it('welcomes a viewer with a snapshot: no chat yet, the viewer counted, the current seq', async () => {
    const { handle } = await newRoom();
    const viewer = await newViewer();
    const { welcome } = await RoomSocket.join(handle, viewer.browser);
    expect(welcome.you).toEqual({ handle: viewer.handle, displayName: viewer.displayName, role: 'viewer' });
    expect(welcome.resume).toBe('fresh');
    expect(welcome.snapshot).toMatchObject({ handle, live: false, viewers: 1, chat: [] });
  });

  it('tells the performer they are the performer, and welcomes anonymous viewers as nobody', async () => {
    const { handle, performer } = await newRoom();
    const { welcome } = await RoomSocket.join(handle, performer);
    expect(welcome.you?.role).toBe('performer');
    const anonymous = await RoomSocket.join(handle);
    expect(anonymous.welcome.you).toBeNull();
  });
});

describe('chat', () => {
  it('accepts a message and sends it to every other socket in one coalesced frame', async () => {
    const { handle } = await newRoom();
    const alice = await newViewer();
    const { socket: sender } = await RoomSocket.join(handle, alice.browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    const ids = [clientId(), clientId(), clientId()];
    for (const [i, id] of ids.entries())
      sender.send({ type: 'chat.send', clientId: id, text: `hello @Bob and @bob :heart: ${i}` });
    const result = await sender.next('chat.result', (m) => m.clientId === ids[0]);
    expect(result.status).toBe('accepted');
    const chats = await watcher.waitForEvents('chat', 3);
    expect(chats.map((c) => c.message.text)).toEqual([0, 1, 2].map((i) => `hello @Bob and @bob :heart: ${i}`));
    expect(chats[0]?.message).toMatchObject({
      id: result.id,
      from: { handle: alice.handle, role: 'viewer' },
      mentions: ['bob'],
    });
    // Sent within one tick: one `events` frame carries all three.
    const frames = watcher.received.filter((m) => m.type === 'events' && m.events.some((e) => e.event.kind === 'chat'));
    expect(frames).toHaveLength(1);
  });

  it('shows a newcomer the chat history, oldest first', async () => {
    const { handle } = await newRoom();
    const alice = await newViewer();
    const { socket } = await RoomSocket.join(handle, alice.browser);
    for (const text of ['one', 'two', 'three']) {
      const id = clientId();
      socket.send({ type: 'chat.send', clientId: id, text });
      await socket.next('chat.result', (m) => m.clientId === id);
    }
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.chat.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(welcome.snapshot.seq).toBeGreaterThanOrEqual(3);
  });

  it(`keeps only the last ${CHAT_HISTORY_SIZE} messages`, async () => {
    const { handle } = await newRoom();
    const { socket: watcher } = await RoomSocket.join(handle);
    const senders = await Promise.all(
      Array.from({ length: 42 }, async () => (await RoomSocket.join(handle, (await newViewer()).browser)).socket),
    );
    // 42 users x 5 messages (each at their rate limit) = 210 messages.
    const sent = senders.flatMap((s, u) =>
      Array.from({ length: 5 }, (_, i) => ({ s, id: clientId(), text: `m${u * 5 + i}` })),
    );
    for (const { s, id, text } of sent) s.send({ type: 'chat.send', clientId: id, text });
    await Promise.all(sent.map(({ s, id }) => s.next('chat.result', (m) => m.clientId === id)));
    const all = await watcher.waitForEvents('chat', sent.length);
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.chat).toHaveLength(CHAT_HISTORY_SIZE);
    expect(welcome.snapshot.chat).toEqual(all.slice(-CHAT_HISTORY_SIZE).map((e) => e.message));
  });

  it('rate-limits a user to 5 messages in 5 seconds, across their tabs', async () => {
    const { handle } = await newRoom();
    const alice = await newViewer();
    const { socket: tab1 } = await RoomSocket.join(handle, alice.browser);
    const { socket: tab2 } = await RoomSocket.join(handle, alice.browser);
    const ids = Array.from({ length: 7 }, clientId);
    for (const [i, id] of ids.entries())
      (i % 2 ? tab2 : tab1).send({ type: 'chat.send', clientId: id, text: `msg ${i}` });
    const results = await Promise.all(
      ids.map((id, i) =>
        Promise.race([
          (i % 2 ? tab2 : tab1).next('chat.result', (m) => m.clientId === id),
          (i % 2 ? tab2 : tab1).next('rejected', (m) => m.clientId === id),
        ]),
      ),
    );
    expect(results.map((r) => (r.type === 'rejected' ? r.reason : r.status))).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it('accepts chats sent at an easy pace that a busy Room read all at once, and the ones after them', async () => {
    const { handle } = await newRoom();
    const alice = await newViewer();
    const { socket } = await RoomSocket.join(handle, alice.browser);
    const say = (count: number) => {
      const ids = Array.from({ length: count }, clientId);
      for (const id of ids) socket.send({ type: 'chat.send', clientId: id, text: 'one every 2 s' });
      return Promise.all(
        ids.map((id) =>
          Promise.race([
            socket.next('chat.result', (m) => m.clientId === id),
            socket.next('rejected', (m) => m.clientId === id),
          ]),
        ),
      );
    };
    // The Room's clock, set by hand: Alice sends one message every 2 seconds.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);
      const results = [];
      at(0);
      results.push(...(await say(1)));
      // The Room was busy from 1 s to 9 s: her messages of 2, 4, 6 and 8 s are read together at 9 s.
      at(9);
      results.push(...(await say(4)));
      for (const second of [10, 12, 14, 16]) {
        at(second);
        results.push(...(await say(1)));
      }
      expect(results.map((r) => (r.type === 'rejected' ? r.reason : r.status))).toEqual(Array(9).fill('accepted'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a resent message (same client id) once and does not post it twice', async () => {
    const { handle } = await newRoom();
    const alice = await newViewer();
    const { socket } = await RoomSocket.join(handle, alice.browser);
    const id = clientId();
    socket.send({ type: 'chat.send', clientId: id, text: 'only once' });
    const first = await socket.next('chat.result', (m) => m.clientId === id);
    socket.send({ type: 'chat.send', clientId: id, text: 'only once' });
    const again = await socket.next('chat.result', (m) => m.clientId === id && m !== first);
    expect(again.id).toBe(first.id);
    await drained(handle, socket);
    expect(socket.eventsOf('chat')).toHaveLength(1);
  });

  it('lets anonymous viewers read but not write', async () => {
    const { handle } = await newRoom();
    const { socket } = await RoomSocket.join(handle);
    const id = clientId();
    socket.send({ type: 'chat.send', clientId: id, text: 'hi' });
    expect(await socket.next('rejected', (m) => m.clientId === id)).toMatchObject({
      of: 'chat.send',
      reason: 'SIGN_IN_REQUIRED',
    });
    socket.send({ type: 'tip.send', clientId: id, amount: 10 });
    expect(await socket.next('rejected', (m) => m.clientId === id && m.of === 'tip.send')).toMatchObject({
      reason: 'SIGN_IN_REQUIRED',
    });
  });
});
