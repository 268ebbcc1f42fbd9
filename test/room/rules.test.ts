import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chatPace, mentionsIn } from '../../durable-objects/moderation/chat-rules.ts';
import type { Room } from '../../durable-objects/room.ts';
import { migrateRoomStorage, ROOM_MIGRATIONS } from '../../durable-objects/room-migrations.ts';
import { eventFor, tipEvent, tipTier } from '../../durable-objects/tips/tip-rules.ts';
import { EventLog, HARD_CAP, RETAIN_EVENTS, replayPlan, trimCut } from '../../durable-objects/transport/event-log.ts';
import { ABUSE_LIMIT, badFrame, frameBytes, readFrame } from '../../durable-objects/transport/frames.ts';
import { countViewers } from '../../durable-objects/transport/sockets.ts';
import { MAX_FRAME_BYTES, type RoomEvent } from '../../wire/room.ts';

describe('chat rules', () => {
  it('allows a burst of 5 messages, then one a second', () => {
    let due: number | undefined;
    const at = (now: number) => {
      const result = chatPace(due, now);
      due = result.due;
      return result.allowed;
    };
    expect([0, 100, 200, 300, 400, 500].map(at)).toEqual([true, true, true, true, true, false]);
    expect(at(999)).toBe(false);
    expect(at(1_000)).toBe(true);
    expect(at(1_001)).toBe(false);
    // A quiet spell refills the burst, and no more than the burst.
    expect([60_000, 60_000, 60_000, 60_000, 60_000, 60_000].map(at)).toEqual([true, true, true, true, true, false]);
  });

  it('judges messages that a busy Room reads together by the pace they were sent at', () => {
    let due: number | undefined;
    const at = (now: number) => {
      const result = chatPace(due, now);
      due = result.due;
      return result.allowed;
    };
    // One every 2 s; the Room, busy from 1 s to 9 s, reads those of 2, 4, 6 and 8 s at 9 s.
    expect([0, 9_000, 9_000, 9_000, 9_000, 10_000, 12_000, 14_000, 16_000].map(at)).toEqual(Array(9).fill(true));
  });

  it('finds @mentions once each, lower-cased, and not inside emails or words', () => {
    expect(mentionsIn('hi @Luna and @luna, also @bo_b! mail me at fan@example.com or @@x or @ab')).toEqual([
      'luna',
      'bo_b',
    ]);
    expect(mentionsIn(':heart: no mentions :fire:')).toEqual([]);
  });
});

describe('reading frames', () => {
  it('measures UTF-8 bytes, not characters', () => {
    expect(frameBytes('a'.repeat(100))).toBe(100);
    expect(frameBytes('🎉'.repeat(1500))).toBe(6000);
    expect(frameBytes(new ArrayBuffer(10))).toBe(10);
  });

  it('refuses oversized frames before parsing them', () => {
    expect(readFrame('{'.repeat(MAX_FRAME_BYTES + 1))).toMatchObject({ ok: false, code: 'TOO_LARGE' });
  });

  it('tells unknown types from malformed known ones', () => {
    expect(readFrame('{"type":"dance"}')).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
    expect(readFrame('{"type":"tip.send","clientId":"client-01","amount":-5}')).toMatchObject({
      ok: false,
      code: 'MALFORMED',
      message: expect.stringMatching(/^amount: /),
    });
    expect(readFrame('{"type":"chat.send","clientId":"client-01","text":"  hi  "}')).toEqual({
      ok: true,
      message: { type: 'chat.send', clientId: 'client-01', text: 'hi' },
    });
  });

  it('closes a socket at its 10th bad frame within 10 seconds, not before', () => {
    let times: number[] = [];
    const closes = Array.from({ length: ABUSE_LIMIT.frames }, (_, i) => {
      const result = badFrame(times, i * 500);
      times = result.times;
      return result.close;
    });
    expect(closes.indexOf(true)).toBe(ABUSE_LIMIT.frames - 1);
    expect(badFrame(times.slice(0, 9), 20_000).close).toBe(false);
  });
});

describe('the event log', () => {
  it('replays a gap still in the log, however long, and resets otherwise', () => {
    expect(replayPlan(10, 1, 10)).toEqual({ kind: 'none' });
    expect(replayPlan(5, 1, 10)).toEqual({ kind: 'replay' });
    expect(replayPlan(5, 6, 10)).toEqual({ kind: 'replay' });
    expect(replayPlan(4, 6, 10)).toEqual({ kind: 'reset' });
    expect(replayPlan(11, 1, 10)).toEqual({ kind: 'reset' });
    expect(replayPlan(0, 1, HARD_CAP)).toEqual({ kind: 'replay' });
  });

  it('keeps the last 1,000 events and the last 5 minutes, within a hard cap', () => {
    // Everything old: keep only the last RETAIN_EVENTS.
    expect(trimCut(5_000, undefined)).toBe(5_000 - RETAIN_EVENTS);
    // Recent events from seq 2,000 on: keep them all.
    expect(trimCut(5_000, 2_000)).toBe(1_999);
    // Recent events but fewer than RETAIN_EVENTS: the count rule keeps more.
    expect(trimCut(5_000, 4_500)).toBe(5_000 - RETAIN_EVENTS);
    // A flood: at most HARD_CAP events, however recent.
    expect(trimCut(200_000, 1)).toBe(200_000 - HARD_CAP);
  });
});

describe('tips and presence', () => {
  it('sizes tips in four tiers', () => {
    expect([1, 49, 50, 199, 200, 999, 1_000, 50_000].map(tipTier)).toEqual([
      'small',
      'small',
      'medium',
      'medium',
      'large',
      'large',
      'huge',
      'huge',
    ]);
  });

  it('keeps a private note for the performer and drops the name of an anonymous tipper', () => {
    const from = { handle: 'fan', displayName: 'Fan', role: 'viewer' as const };
    const event: RoomEvent = {
      kind: 'tip',
      tip: tipEvent('t1', { from, amount: 75, note: 'psst', private: true, anonymous: true }, 1),
    };
    expect(eventFor(event, 'performer')).toEqual(event);
    expect(eventFor(event, 'public')).toMatchObject({ tip: { note: null, from: null, tier: 'medium' } });
  });

  it('counts viewers once per user and once per anonymous socket, not the performer', () => {
    const who = (userId: string | null, handle: string, role: 'viewer' | 'performer' | 'anonymous' = 'viewer') => ({
      userId,
      handle,
      displayName: handle,
      role,
    });
    expect(
      countViewers([
        who('a', 'a'),
        who('a', 'a'),
        who(null, 'guest_1', 'anonymous'),
        who(null, 'guest_2', 'anonymous'),
        who('p', 'p', 'performer'),
      ]),
    ).toBe(3);
  });
});

describe('the event log in the Room storage', () => {
  it('trims old events down to the last 1,000 and still replays from there', async () => {
    await runInDurableObject(env.ROOM.getByName(`trim_${crypto.randomUUID()}`), (_room: Room, state) => {
      migrateRoomStorage(state.storage);
      const log = new EventLog({ sql: state.storage.sql });
      const old = Date.now() - 10 * 60_000;
      for (let i = 0; i < 1_500; i++) log.append({ kind: 'presence', viewers: i }, old);
      log.trim(Date.now());
      expect(state.storage.sql.exec<{ n: number }>('select count(*) as n from events').one().n).toBe(RETAIN_EVENTS);
      expect(log.replay(499, log.newest, 'public')).toBeUndefined();
      expect(log.replay(500, log.newest, 'public')?.map((e) => (JSON.parse(e) as { seq: number }).seq)).toEqual(
        Array.from({ length: 1_000 }, (_, i) => 501 + i),
      );
      // A fresh instance finds the newest number in the table.
      expect(new EventLog({ sql: state.storage.sql }).newest).toBe(1_500);
    });
  });

  it('replays events as logged, private notes to the performer only, even from before public bodies', async () => {
    await runInDurableObject(env.ROOM.getByName(`replay_${crypto.randomUUID()}`), (_room: Room, state) => {
      const sql = state.storage.sql;
      const from = { handle: 'fan', displayName: 'Fan', role: 'viewer' as const };
      const tip = (id: string): RoomEvent => ({
        kind: 'tip',
        tip: tipEvent(id, { from, amount: 75, note: 'psst', private: true, anonymous: false }, 1),
      });
      // A room from before: its events table has no public_body column yet.
      sql.exec('drop table events');
      sql.exec(
        'create table events (seq integer primary key, at integer not null, ref text unique, body text not null)',
      );
      sql.exec('insert into events (seq, at, ref, body) values (1, 1, null, ?)', JSON.stringify(tip('old')));
      // Its upgrade to public bodies (version 2).
      sql.exec(ROOM_MIGRATIONS[1]!);
      const log = new EventLog({ sql });
      log.append(tip('new'), 2);
      log.append({ kind: 'presence', viewers: 3 }, 3);
      const notes = (audience: 'performer' | 'public') =>
        log.replay(0, log.newest, audience)!.map((e) => JSON.parse(e) as { seq: number; event: RoomEvent });
      expect(notes('performer').map(({ event }) => (event.kind === 'tip' ? event.tip.note : event.kind))).toEqual([
        'psst',
        'psst',
        'presence',
      ]);
      expect(notes('public').map(({ event }) => (event.kind === 'tip' ? event.tip.note : event.kind))).toEqual([
        null,
        null,
        'presence',
      ]);
      expect(notes('public').map((e) => e.seq)).toEqual([1, 2, 3]);
    });
  });
});
