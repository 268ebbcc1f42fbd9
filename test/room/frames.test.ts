import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloseCode, MAX_FRAME_BYTES, PROTOCOL_VERSION, type ServerMessage } from '../../wire/room.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

/** Frames that must each get an error (or a rejection) and change nothing. */
const BAD_FRAMES: [string, unknown, ServerMessage['type'], string?][] = [
  ['not JSON', '{"type": "chat.send",', 'error', 'MALFORMED'],
  ['JSON but not an object', '[1, 2, 3]', 'error', 'UNKNOWN_TYPE'],
  ['null', 'null', 'error', 'UNKNOWN_TYPE'],
  ['an unknown type', { type: 'chat.delete', id: 'x' }, 'error', 'UNKNOWN_TYPE'],
  ['a binary frame', new TextEncoder().encode('{"type":"ping"}').buffer, 'error', 'MALFORMED'],
  ['hello with a string version', { type: 'hello', version: '1' }, 'error', 'MALFORMED'],
  ['hello with a negative lastSeq', { type: 'hello', version: 1, lastSeq: -1 }, 'error', 'MALFORMED'],
  ['hello from a future version', { type: 'hello', version: 99 }, 'error', 'UNSUPPORTED_VERSION'],
  ['chat without a client id', { type: 'chat.send', text: 'hi' }, 'error', 'MALFORMED'],
  ['chat with a short client id', { type: 'chat.send', clientId: 'abc', text: 'hi' }, 'error', 'MALFORMED'],
  ['chat with numeric text', { type: 'chat.send', clientId: 'client-0001', text: 42 }, 'error', 'MALFORMED'],
  ['chat of only spaces', { type: 'chat.send', clientId: 'client-0001', text: '   ' }, 'error', 'MALFORMED'],
  [
    'chat over 500 characters',
    { type: 'chat.send', clientId: 'client-0001', text: 'x'.repeat(501) },
    'error',
    'MALFORMED',
  ],
  [
    'chat over 8 KB',
    { type: 'chat.send', clientId: 'client-0001', text: 'x'.repeat(MAX_FRAME_BYTES) },
    'error',
    'TOO_LARGE',
  ],
  ['tip of a string amount', { type: 'tip.send', clientId: 'client-0001', amount: '100' }, 'error', 'MALFORMED'],
  ['tip of a fraction', { type: 'tip.send', clientId: 'client-0001', amount: 1.5 }, 'error', 'MALFORMED'],
  ['tip of zero', { type: 'tip.send', clientId: 'client-0001', amount: 0 }, 'error', 'MALFORMED'],
  [
    'tip with a non-boolean private flag',
    { type: 'tip.send', clientId: 'client-0001', amount: 5, private: 'yes' },
    'error',
    'MALFORMED',
  ],
  [
    'tip with a note over 8 KB of emoji',
    { type: 'tip.send', clientId: 'client-0001', amount: 5, note: '🎉'.repeat(2100) },
    'error',
    'TOO_LARGE',
  ],
  [
    'a tip the wallet cannot cover',
    { type: 'tip.send', clientId: 'client-0001', amount: 5 },
    'rejected',
    'INSUFFICIENT_FUNDS',
  ],
];

describe('bad frames', () => {
  it.each(BAD_FRAMES)(
    'answers %s with a code, keeps the socket usable and leaves others alone',
    async (_, frame, type, code) => {
      const { handle } = await liveRoom();
      const { socket } = await RoomSocket.join(handle, (await newViewer()).browser);
      const { socket: other } = await RoomSocket.join(handle, (await newViewer()).browser);
      const before = socket.received.length;
      socket.send(frame);
      const answer = await socket.next(type, () => true, before);
      expect(answer.type === 'error' ? answer.code : answer.type === 'rejected' ? answer.reason : undefined).toBe(code);
      expect(JSON.stringify(answer)).not.toMatch(/\.ts:\d|at \w+ \(/);
      // Nothing changed: no chat, no tip; and both sockets still work.
      const id = clientId();
      socket.send({ type: 'chat.send', clientId: id, text: 'still here' });
      await socket.next('chat.result', (m) => m.clientId === id);
      const chats = await other.waitForEvents('chat');
      expect(chats.map((c) => c.message.text)).toEqual(['still here']);
      expect(other.eventsOf('tip')).toEqual([]);
      expect(other.received.filter((m) => m.type === 'error')).toEqual([]);
    },
  );

  it('closes only the abusive socket after 10 bad frames in 10 seconds', async () => {
    const { handle } = await liveRoom();
    const { socket: abuser } = await RoomSocket.join(handle, (await newViewer()).browser);
    const { socket: bystander } = await RoomSocket.join(handle);
    for (let i = 0; i < 9; i++) abuser.send('nonsense');
    await abuser.next(
      'error',
      (m) => m.code === 'MALFORMED' && abuser.received.filter((r) => r.type === 'error').length === 9,
    );
    abuser.send('nonsense');
    expect(await abuser.closed).toMatchObject({ code: CloseCode.ABUSE });
    expect(abuser.received.some((m) => m.type === 'error' && m.code === 'ABUSE')).toBe(true);
    // The bystander still gets the room, including the presence change the closure made.
    await bystander.next('events', (m) => m.events.some((e) => e.event.kind === 'presence' && e.event.viewers === 1));
  });

  it('welcomes a socket once: a flood of hello frames is closed as abuse while another viewer chats on', async () => {
    const { handle } = await liveRoom();
    const { socket: flooder } = await RoomSocket.join(handle);
    const talker = await RoomSocket.join(handle, (await newViewer()).browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    const id = clientId();
    // All at once: 300 hellos from one anonymous socket, and one chat message from someone else.
    const hello = JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION, lastSeq: 0 });
    for (let i = 0; i < 300; i++) flooder.send(hello);
    talker.socket.send({ type: 'chat.send', clientId: id, text: 'still heard' });
    const [closed, result, chats] = await Promise.all([
      flooder.closed,
      talker.socket.next('chat.result', (m) => m.clientId === id),
      watcher.waitForEvents('chat'),
    ]);
    expect(closed.code).toBe(CloseCode.ABUSE);
    expect(result.status).toBe('accepted');
    expect(chats.map((c) => c.message.text)).toEqual(['still heard']);
    // Only the welcome of its first hello: the repeats got short errors (10 at most), then the door.
    expect(flooder.received.filter((m) => m.type === 'welcome')).toHaveLength(1);
    expect(
      flooder.received.filter((m) => m.type === 'error' && m.code === 'ALREADY_WELCOMED').length,
    ).toBeLessThanOrEqual(10);
  });

  it('survives arbitrary frames from an anonymous viewer: one answer each, no change, no closure', async () => {
    const { handle } = await liveRoom();
    const { socket: watcher } = await RoomSocket.join(handle);
    const types = fc.constantFrom('hello', 'chat.send', 'tip.send', 'ping', 'pong', 'Hello', '');
    const field = fc.oneof(fc.anything(), fc.string({ minLength: 8, maxLength: 12 }), fc.integer(), fc.constant(1));
    const message = fc.record(
      {
        type: types,
        version: field,
        lastSeq: field,
        clientId: field,
        text: field,
        amount: field,
        note: field,
        private: field,
      },
      { requiredKeys: ['type'] },
    );
    const frame = fc.oneof(
      fc.string(),
      fc.json(),
      message.map((m) => JSON.stringify(m)),
      fc.string({ minLength: 8000, maxLength: 9000 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const socket = await RoomSocket.open(handle);
        for (const f of frames) socket.send(f);
        socket.send({ type: 'hello', version: PROTOCOL_VERSION });
        const answers = await socket.answers(frames.length + 1);
        // Nothing more comes: a ping the Room answers itself is answered right after them.
        const pong = await socket.ping();
        const before = socket.received.slice(0, socket.received.indexOf(pong));
        expect(before.filter((m) => m.type !== 'events')).toHaveLength(frames.length + 1);
        // One welcome, to the first good hello (a random frame may have been one); repeats are errors.
        expect(answers.filter((m) => m.type === 'welcome')).toHaveLength(1);
        expect(answers.every((m) => ['error', 'rejected', 'welcome', 'pong'].includes(m.type))).toBe(true);
        socket.close();
      }),
      { numRuns: 40 },
    );
    await drained(handle, watcher);
    expect(watcher.eventsOf('chat')).toEqual([]);
    expect(watcher.eventsOf('tip')).toEqual([]);
  });
});
