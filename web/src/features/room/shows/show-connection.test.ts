import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../../../../wire/room.ts';
import { NO_SHOWS, type PublicShow } from '../../../../../wire/shows.ts';
import { FakeSocket } from '../fake-socket.ts';
import { RoomConnection } from '../room-connection.ts';
import { snapshot } from '../room-fixtures.ts';
import { showWrite } from './show-writes.ts';

const running: PublicShow = {
  id: 's1',
  kind: 'private',
  phase: 'running',
  startedAt: 1,
  rate: 60,
  spyRate: 0,
  title: '',
  minimum: 0,
  seats: 1,
  spies: 0,
  publicChat: 'open',
};

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { protocol: 'https:', host: 'encore.test' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ banned: false })),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function join(room: RoomConnection, shows = NO_SHOWS): FakeSocket {
  const socket = FakeSocket.latest();
  socket.open();
  socket.receive({
    type: 'welcome',
    version: PROTOCOL_VERSION,
    you: { handle: 'fan', displayName: 'Fan', role: 'viewer' },
    snapshot: snapshot(5, { shows }),
    resume: 'fresh',
    missed: [],
  });
  expect(room.connection.value).toBe('live');
  return socket;
}

describe('paid shows over the room connection', () => {
  it('answers a show write with the Room’s show state, and words a refusal', async () => {
    const room = new RoomConnection('nova');
    room.start();
    const socket = join(room);
    const asked = showWrite(room, 'show.request', { kind: 'private' });
    const sent = socket.sent.at(-1)!;
    expect(sent).toMatchObject({ type: 'show.request', kind: 'private' });
    const clientId = 'clientId' in sent ? sent.clientId : '';
    socket.receive({
      type: 'show.result',
      clientId,
      status: 'accepted',
      shows: { ...NO_SHOWS, myRequest: null, current: running },
      balance: 440,
    });
    expect(await asked).toEqual({ ok: true });
    expect(room.shows.state.value.current?.id).toBe('s1');

    const refused = showWrite(room, 'show.spy', { showId: 's1' });
    const spy = socket.sent.at(-1)!;
    socket.receive({
      type: 'rejected',
      clientId: 'clientId' in spy ? spy.clientId : '',
      of: 'show.spy',
      reason: 'SPY_OFF',
      message: 'Spying is off',
    });
    expect(await refused).toEqual({ ok: false, message: 'Spying is off for this show.' });
  });

  it('applies the private show events sent to this person', () => {
    const room = new RoomConnection('nova');
    room.start();
    const socket = join(room);
    socket.receive({ type: 'show.event', event: { kind: 'declined', showId: 's9', reason: 'declined' } });
    socket.receive({
      type: 'show.event',
      event: { kind: 'chat', showId: 's1', message: { id: 'm', from: null, performer: true, text: 'hi', at: 1 } },
    });
    expect(room.shows.chat.value.map((m) => m.text)).toEqual(['hi']);
  });

  it('asks for the whole snapshot on a reconnect while a show involves the page (show events are not logged)', () => {
    const room = new RoomConnection('nova');
    room.start();
    const socket = join(room, { ...NO_SHOWS, current: running });
    socket.drop();
    vi.advanceTimersByTime(60_000);
    const again = FakeSocket.latest();
    again.open();
    expect(again.sent[0]).toMatchObject({ type: 'hello', keepsState: false, lastSeq: 5 });
  });

  it('keeps state across a reconnect when no show involves the page', () => {
    const room = new RoomConnection('nova');
    room.start();
    const socket = join(room);
    socket.drop();
    vi.advanceTimersByTime(60_000);
    const again = FakeSocket.latest();
    again.open();
    expect(again.sent[0]).toMatchObject({ type: 'hello', keepsState: true });
  });
});
