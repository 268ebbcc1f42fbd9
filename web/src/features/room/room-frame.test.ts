import { describe, expect, it } from 'vitest';
import { readFrame } from './room-frame.ts';
import { writeLooksValid } from './write-check.ts';

describe('reading a room frame without zod', () => {
  it('refuses text that is not JSON and message types the protocol does not have', () => {
    expect(readFrame('not json')).toBeNull();
    expect(readFrame(JSON.stringify({ type: 'surprise' }))).toBeNull();
    expect(readFrame(JSON.stringify(['pong']))).toBeNull();
    expect(readFrame(JSON.stringify({ type: 'pong' }))).toEqual({ type: 'pong' });
  });

  it('drops event kinds a newer Room may send and keeps the rest in order', () => {
    const frame = readFrame(
      JSON.stringify({
        type: 'events',
        events: [
          { seq: 1, event: { kind: 'presence', viewers: 3 } },
          { seq: 2, event: { kind: 'fireworks' } },
          { seq: 3, event: { kind: 'chat.cleared' } },
        ],
      }),
    );
    expect(frame?.type === 'events' && frame.events.map((e) => e.seq)).toEqual([1, 3]);
  });

  it('fills the snapshot defaults an older Room leaves out', () => {
    const frame = readFrame(JSON.stringify({ type: 'welcome', snapshot: { seq: 1 }, missed: [] }));
    expect(frame?.type === 'welcome' && frame.snapshot).toMatchObject({
      tips: [],
      deviceLevels: [],
      nowPlaying: { current: null, recent: [] },
    });
  });
});

describe('checking a write before it is sent', () => {
  const id = 'client-0001';
  it('refuses what the Room would refuse as malformed', () => {
    expect(writeLooksValid({ type: 'chat.send', clientId: id, text: '   ' })).toBe(false);
    expect(writeLooksValid({ type: 'chat.send', clientId: id, text: 'x'.repeat(501) })).toBe(false);
    expect(writeLooksValid({ type: 'tip.send', clientId: id, amount: 0 })).toBe(false);
    expect(writeLooksValid({ type: 'tip.send', clientId: id, amount: 2.5 })).toBe(false);
    expect(writeLooksValid({ type: 'tip.send', clientId: id, amount: 5, note: 'x'.repeat(201) })).toBe(false);
    expect(writeLooksValid({ type: 'chat.send', clientId: 'short', text: 'hi' })).toBe(false);
  });

  it('lets an ordinary chat message and tip through', () => {
    expect(writeLooksValid({ type: 'chat.send', clientId: id, text: 'hello' })).toBe(true);
    expect(writeLooksValid({ type: 'tip.send', clientId: id, amount: 25, note: 'thanks' })).toBe(true);
  });
});
