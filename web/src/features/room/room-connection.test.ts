import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode, PROTOCOL_VERSION, type ServerMessage } from '../../../../wire/room.ts';
import { backoffDelay } from '../../lib/backoff.ts';
import { FakeSocket } from './fake-socket.ts';
import { RECONNECT_BACKOFF, RoomConnection } from './room-connection.ts';
import { at, chat, snapshot } from './room-fixtures.ts';

/** The reconnect waits with Math.random fixed at 0.5, as in these tests. */
const wait = (attempt: number) => backoffDelay(RECONNECT_BACKOFF, attempt, () => 0.5);

function welcome(seq: number, fields: Partial<Extract<ServerMessage, { type: 'welcome' }>> = {}): ServerMessage {
  return {
    type: 'welcome',
    version: PROTOCOL_VERSION,
    you: null,
    snapshot: snapshot(seq),
    resume: 'fresh',
    missed: [],
    ...fields,
  };
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** Opens the latest socket and answers its hello with a welcome at `seq`. */
function joined(seq: number, fields: Parameters<typeof welcome>[1] = {}): FakeSocket {
  const socket = FakeSocket.latest();
  socket.open();
  socket.receive(welcome(seq, fields));
  return socket;
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { protocol: 'https:', host: 'encore.test' });
  vi.stubGlobal('localStorage', memoryStorage());
  // Asked why the door keeps refusing: not banned.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ banned: false })),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('room connection (joining, reconnecting, resuming)', () => {
  it('says hello with keepsState and no lastSeq on first join, and goes live on the welcome', () => {
    const room = new RoomConnection('nova');
    room.start();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe('wss://encore.test/rooms/nova/ws');
    expect(room.connection.value).toBe('connecting');
    socket.open();
    expect(socket.sent).toEqual([{ type: 'hello', version: PROTOCOL_VERSION, keepsState: true }]);
    socket.receive(welcome(4, { snapshot: snapshot(4, { chat: [chat('a')] }) }));
    expect(room.connection.value).toBe('live');
    expect(room.chat.value.map((m) => m.id)).toEqual(['a']);
    room.stop();
  });

  it('reconnects after the first backoff step and resumes from the last event it applied', () => {
    const room = new RoomConnection('nova');
    room.start();
    const first = joined(5, { snapshot: snapshot(5, { chat: [chat('a')] }) });
    first.receive({ type: 'events', events: [at(6, { kind: 'chat', message: chat('b') })] });
    first.drop();
    expect(room.connection.value).toBe('reconnecting');
    vi.advanceTimersByTime(wait(0) - 1);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ type: 'hello', version: PROTOCOL_VERSION, keepsState: true, lastSeq: 6 });
    second.receive({
      type: 'resumed',
      version: PROTOCOL_VERSION,
      you: null,
      missed: [at(7, { kind: 'chat', message: chat('c') })],
    });
    expect(room.connection.value).toBe('live');
    expect(room.chat.value.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    room.stop();
  });

  it('applies only the missed events on top of the snapshot when the Room replays', () => {
    const room = new RoomConnection('nova');
    room.start();
    const first = joined(5, { snapshot: snapshot(5, { chat: [chat('a')] }) });
    first.drop();
    vi.advanceTimersByTime(wait(0));
    joined(8, {
      resume: 'replayed',
      snapshot: snapshot(8, { viewers: 30, chat: [chat('a'), chat('b')] }),
      missed: [at(6, { kind: 'chat', message: chat('b') }), at(8, { kind: 'presence', viewers: 30 })],
    });
    expect(room.chat.value.map((m) => m.id)).toEqual(['a', 'b']);
    expect(room.viewers.value).toBe(30);
    expect(room.lastSeq).toBe(8);
    room.stop();
  });

  it('waits longer after each refused attempt, up to the cap, and starts over once welcomed', () => {
    const room = new RoomConnection('nova');
    room.start();
    for (let attempt = 0; attempt < 7; attempt++) {
      const made = FakeSocket.made.length;
      FakeSocket.latest().drop();
      vi.advanceTimersByTime(wait(attempt) - 1);
      expect(FakeSocket.made).toHaveLength(made);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.made).toHaveLength(made + 1);
    }
    joined(1).drop();
    const made = FakeSocket.made.length;
    vi.advanceTimersByTime(wait(0));
    expect(FakeSocket.made).toHaveLength(made + 1);
    room.stop();
  });

  it('resends an unanswered chat message after a reconnect, with the same client id', async () => {
    const room = new RoomConnection('nova');
    room.start();
    const first = joined(1);
    const answer = room.send({ type: 'chat.send', clientId: 'client-0001', text: 'hi' });
    expect(first.sent.at(-1)).toEqual({ type: 'chat.send', clientId: 'client-0001', text: 'hi' });
    first.drop();
    vi.advanceTimersByTime(wait(0));
    const second = joined(1);
    expect(second.sent.at(-1)).toEqual({ type: 'chat.send', clientId: 'client-0001', text: 'hi' });
    second.receive({ type: 'chat.result', clientId: 'client-0001', status: 'accepted', id: 'm1' });
    await expect(answer).resolves.toEqual({ ok: true });
    expect(room.pending.value.size).toBe(0);
    room.stop();
  });

  it('looks a tip up before sending it again after a reconnect, and resends it only if unknown', () => {
    const room = new RoomConnection('nova');
    room.start();
    const first = joined(1);
    void room.send({ type: 'tip.send', clientId: 'client-tip-1', amount: 25 });
    first.drop();
    vi.advanceTimersByTime(wait(0));
    const second = joined(1);
    expect(second.sent.at(-1)).toEqual({ type: 'tip.lookup', clientId: 'client-tip-1' });
    second.receive({ type: 'tip.status', clientId: 'client-tip-1', status: 'pending' });
    expect(second.sent.at(-1)?.type).toBe('tip.lookup');
    second.receive({ type: 'tip.status', clientId: 'client-tip-1', status: 'unknown' });
    expect(second.sent.at(-1)).toEqual({ type: 'tip.send', clientId: 'client-tip-1', amount: 25 });
    room.stop();
  });

  it('gives up when banned, and on the next visit gives up as soon as the door refuses', () => {
    const room = new RoomConnection('nova');
    room.start();
    joined(1).drop(CloseCode.BANNED);
    expect(room.fatal.value).toBe('You are banned from this room.');
    expect(room.connection.value).toBe('closed');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);

    const again = new RoomConnection('nova');
    again.start();
    FakeSocket.latest().drop();
    expect(again.fatal.value).toBe('You are banned from this room.');
  });

  it('ignores frames it does not understand', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const room = new RoomConnection('nova');
    room.start();
    const socket = joined(1, { snapshot: snapshot(1, { chat: [chat('a')] }) });
    socket.receive('not json');
    socket.receive(JSON.stringify({ type: 'surprise' }));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(room.connection.value).toBe('live');
    expect(room.chat.value.map((m) => m.id)).toEqual(['a']);
    room.stop();
  });
});
