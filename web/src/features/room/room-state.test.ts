import { describe, expect, it } from 'vitest';
import { CHAT_HISTORY_SIZE } from '../../../../wire/room.ts';
import { at, chat, goal, snapshot, tip } from './room-fixtures.ts';
import { RoomState } from './room-state.ts';

describe('room state (what the room page shows)', () => {
  it('takes everything from the snapshot on a fresh start, listing its tips as earlier ones', () => {
    const room = new RoomState();
    room.reset(snapshot(7, { chat: [chat('a')], tips: [tip('t1')], viewers: 12, title: 'Hello', goal: goal('g') }));
    expect(room.chat.value.map((m) => m.id)).toEqual(['a']);
    expect(room.earlierTips.value.map((t) => t.id)).toEqual(['t1']);
    expect(room.tips.value).toEqual([]);
    expect(room.viewers.value).toBe(12);
    expect(room.title.value).toBe('Hello');
    expect(room.goal.value?.id).toBe('g');
    expect(room.lastSeq).toBe(7);
  });

  it('does not list a tip as earlier when it already burst on this page', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    room.events([at(2, { kind: 'tip', tip: tip('t1') })]);
    room.reset(snapshot(5, { tips: [tip('t1'), tip('t0')] }));
    expect(room.earlierTips.value.map((t) => t.id)).toEqual(['t0']);
  });

  it('applies numbered events once: a replay that overlaps what it had changes nothing', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    const events = [at(2, { kind: 'chat', message: chat('a') }), at(3, { kind: 'presence', viewers: 9 })];
    room.events(events);
    room.events([...events, at(4, { kind: 'chat', message: chat('b') })]);
    expect(room.chat.value.map((m) => m.id)).toEqual(['a', 'b']);
    expect(room.viewers.value).toBe(9);
    expect(room.lastSeq).toBe(4);
  });

  it('keeps only the chat history the Room keeps, newest last', () => {
    const room = new RoomState();
    room.reset(snapshot(0));
    room.events(
      Array.from({ length: CHAT_HISTORY_SIZE + 5 }, (_, i) => at(i + 1, { kind: 'chat', message: chat(`m${i}`) })),
    );
    expect(room.chat.value).toHaveLength(CHAT_HISTORY_SIZE);
    expect(room.chat.value.at(-1)?.id).toBe(`m${CHAT_HISTORY_SIZE + 4}`);
  });

  it('keeps the eight most recent tips for the bursts', () => {
    const room = new RoomState();
    room.reset(snapshot(0));
    room.events(Array.from({ length: 10 }, (_, i) => at(i + 1, { kind: 'tip', tip: tip(`t${i}`) })));
    expect(room.tips.value.map((t) => t.id)).toEqual(['t2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
  });

  it('drops refunded tips from the bursts, the earlier list and the batch being applied', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { tips: [tip('old')] }));
    room.events([at(2, { kind: 'tip', tip: tip('live') })]);
    room.events([
      at(3, { kind: 'tip', tip: tip('same-batch') }),
      at(4, { kind: 'tips.refunded', ids: ['old', 'live', 'same-batch'] }),
    ]);
    expect(room.tips.value).toEqual([]);
    expect(room.earlierTips.value).toEqual([]);
  });

  it('removes a deleted message, even one arriving in the same batch, and empties a cleared chat', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { chat: [chat('a')] }));
    room.events([at(2, { kind: 'chat', message: chat('b') }), at(3, { kind: 'chat.deleted', id: 'b' })]);
    room.events([at(4, { kind: 'chat.deleted', id: 'a' })]);
    expect(room.chat.value).toEqual([]);
    room.events([at(5, { kind: 'chat', message: chat('c') }), at(6, { kind: 'chat.cleared' })]);
    expect(room.chat.value).toEqual([]);
  });

  it('celebrates a reached goal until another goal replaces it', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { goal: goal('g', 90) }));
    room.events([at(2, { kind: 'goal.reached', goal: { ...goal('g', 100), status: 'reached' } })]);
    expect(room.celebration.value?.goal.id).toBe('g');
    room.events([at(3, { kind: 'goal', goal: { ...goal('g', 100), status: 'reached' } })]);
    expect(room.celebration.value?.goal.id).toBe('g');
    room.events([at(4, { kind: 'goal', goal: goal('next') })]);
    expect(room.celebration.value).toBeNull();
    expect(room.goal.value?.id).toBe('next');
  });

  it('follows the show, the leaderboard, the chat modes and the tip menu', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    const king = { handle: 'fan', displayName: 'Fan', tokens: 50 };
    room.events([
      at(2, { kind: 'show', live: false, title: 'Back soon', tags: [] }),
      at(3, { kind: 'leaderboard', leaderboard: { show: [king], king } }),
      at(4, { kind: 'modes', modes: { slowSeconds: 10, followersOnly: true, tippersOnly: false, fanClubOnly: false } }),
      at(5, { kind: 'menu', menu: [{ id: 'wave', label: 'Wave', price: 5, deviceAction: null }] }),
    ]);
    expect(room.live.value).toBe(false);
    expect(room.title.value).toBe('Back soon');
    expect(room.leaderboard.value.king?.tokens).toBe(50);
    expect(room.modes.value.slowSeconds).toBe(10);
    expect(room.menu.value.map((i) => i.id)).toEqual(['wave']);
  });

  it('on a resume takes the live fields from the snapshot and the rest from exactly the missed events', () => {
    const room = new RoomState();
    room.reset(snapshot(3, { chat: [chat('a')] }));
    room.resume(snapshot(5, { viewers: 40, chat: [chat('a'), chat('b')] }), [
      at(4, { kind: 'chat', message: chat('b') }),
      at(5, { kind: 'tip', tip: tip('t') }),
    ]);
    expect(room.viewers.value).toBe(40);
    expect(room.chat.value.map((m) => m.id)).toEqual(['a', 'b']);
    expect(room.tips.value.map((t) => t.id)).toEqual(['t']);
    expect(room.lastSeq).toBe(5);
  });

  it('on a resume without a snapshot keeps what it shows and applies what it missed', () => {
    const room = new RoomState();
    room.reset(snapshot(3, { chat: [chat('a')], viewers: 2 }));
    room.caughtUp([at(4, { kind: 'chat', message: chat('b') })]);
    expect(room.chat.value.map((m) => m.id)).toEqual(['a', 'b']);
    expect(room.viewers.value).toBe(2);
    expect(room.lastSeq).toBe(4);
  });

  it('shows the now-playing feed from the snapshot, then from each track event', () => {
    const room = new RoomState();
    const played = (title: string) => ({ title, artist: 'DJ', at: 1, request: null });
    room.reset(snapshot(1, { nowPlaying: { current: played('First'), recent: [] } }));
    expect(room.nowPlaying.value.current?.title).toBe('First');
    room.events([at(2, { kind: 'track', nowPlaying: { current: played('Second'), recent: [played('First')] } })]);
    expect(room.nowPlaying.value).toEqual({ current: played('Second'), recent: [played('First')] });
    room.events([at(3, { kind: 'track', nowPlaying: { current: null, recent: [played('Second'), played('First')] } })]);
    expect(room.nowPlaying.value.current).toBeNull();
  });

  it('follows the device queue from the snapshot and its events, the levels too', () => {
    const room = new RoomState();
    const idle = { running: null, waiting: 0, paused: false, deviceConnected: true, maxQueue: 5, maxIntensity: 80 };
    const level = { min: 1, max: null, reaction: { kind: 'steady', intensity: 30, seconds: 3 } } as const;
    room.reset(snapshot(1, { devices: idle, deviceLevels: [level] }));
    expect(room.devices.value).toEqual(idle);
    expect(room.deviceLevels.value).toEqual([level]);
    const running = {
      id: 't1',
      tipper: null,
      tokens: 5,
      reaction: level.reaction,
      startedAt: 10,
      endsAt: 3_010,
      label: 'Low',
    };
    room.events([
      at(2, { kind: 'devices', devices: { ...idle, running, waiting: 2 } }),
      at(3, { kind: 'device.levels', levels: [] }),
    ]);
    expect(room.devices.value).toMatchObject({ running: { id: 't1', tipper: null }, waiting: 2 });
    expect(room.deviceLevels.value).toEqual([]);
    // A Room from before devices sends no queue: none is shown.
    room.reset(snapshot(9));
    expect(room.devices.value).toBeNull();
  });
});

describe('room state: song requests', () => {
  const request = (id: string) => ({
    id,
    title: `Song ${id}`,
    artist: '',
    note: '',
    requester: null,
    tokens: 10,
    status: 'queued' as const,
    at: 1,
    playedAt: null,
    reason: null,
  });
  const queue = (ids: string[]) => ({ open: true, price: 10, bumpMinimum: null, queue: ids.map(request), done: [] });

  it('takes the queue and your own requests from the snapshot, then follows the requests events', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { requests: { ...queue(['r1', 'r2']), mine: ['r2'] } }));
    expect(room.requests.value?.queue.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect([...room.myRequests.value]).toEqual(['r2']);
    room.events([at(2, { kind: 'requests', requests: queue(['r2']) })]);
    expect(room.requests.value?.queue.map((r) => r.id)).toEqual(['r2']);
    // A later snapshot (a reconnect) keeps what this page already knew was yours.
    room.reset(snapshot(3, { requests: { ...queue(['r2', 'r3']), mine: ['r3'] } }));
    expect([...room.myRequests.value].sort()).toEqual(['r2', 'r3']);
  });
});
