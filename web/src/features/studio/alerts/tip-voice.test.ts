import { describe, expect, it } from 'vitest';
import type { TipEvent } from '../../../../../wire/room.ts';
import { CHIMES, spokenTip } from './tip-voice.ts';

const tip = (fields: Partial<TipEvent>): TipEvent => ({
  id: 't1',
  amount: 25,
  tier: 'medium',
  from: { handle: 'ava', displayName: 'Ava', role: 'viewer' },
  note: null,
  private: false,
  at: 0,
  ...fields,
});

describe('tips read aloud in the studio', () => {
  it('says who tipped how much, with a public note and the menu item', () => {
    expect(spokenTip(tip({ note: 'Play it again', menuItem: 'Song request' }))).toBe(
      'Ava tipped 25 tokens for Song request: Play it again',
    );
  });

  it('never reads a private note aloud (the microphone is on air), only that there is one', () => {
    const words = spokenTip(tip({ note: 'my secret', private: true }));
    expect(words).toBe('Ava tipped 25 tokens, with a private note');
    expect(words).not.toContain('secret');
  });

  it('keeps an anonymous tipper anonymous', () => {
    expect(spokenTip(tip({ from: null, amount: 1 }))).toBe('Anonymous tipped 1 token');
  });

  it('gives bigger tiers longer chimes', () => {
    const lengths = (['small', 'medium', 'large', 'huge'] as const).map((t) => CHIMES[t].length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(lengths).size).toBe(4);
  });
});
