import { describe, expect, it } from 'vitest';
import {
  capReaction,
  DEFAULT_DEVICE_SETTINGS,
  DeviceSettings,
  describeReaction,
  levelFor,
  levelsProblem,
  type Reaction,
  reactionForTip,
  reactionMs,
} from '../../../../wire/devices.ts';

const idle = { deviceConnected: true, waiting: 0 };

describe('the tip level mapping the Room and the tip form share', () => {
  it('puts every amount of the default ladder in the level whose range holds it', () => {
    const names = [1, 14, 15, 49, 50, 99, 100, 499, 500, 1_000_000].map(
      (amount) => levelFor(amount, DEFAULT_DEVICE_SETTINGS.levels)?.name,
    );
    expect(names).toEqual([
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Very high',
      'Very high',
      'Fireworks',
      'Fireworks',
    ]);
    expect(DeviceSettings.safeParse(DEFAULT_DEVICE_SETTINGS).success).toBe(true);
  });

  it('gives an amount in a gap between levels no reaction', () => {
    const settings = { ...DEFAULT_DEVICE_SETTINGS, levels: [DEFAULT_DEVICE_SETTINGS.levels[2]!] };
    expect(reactionForTip(10, settings, idle)).toEqual({ queued: false, why: 'no-level' });
    expect(reactionForTip(60, settings, idle)).toMatchObject({ queued: true, label: 'High' });
  });

  it('tells the tipper there is no reaction when no device is connected or the queue is full', () => {
    const settings = { ...DEFAULT_DEVICE_SETTINGS, maxQueue: 3 };
    expect(reactionForTip(20, settings, { deviceConnected: false, waiting: 0 })).toEqual({
      queued: false,
      why: 'no-device',
    });
    expect(reactionForTip(20, settings, { deviceConnected: true, waiting: 3 })).toEqual({
      queued: false,
      why: 'queue-full',
    });
    expect(reactionForTip(20, settings, { deviceConnected: true, waiting: 2 })).toMatchObject({ queued: true });
  });

  it('lets a menu item’s reaction win over the level, and holds both to the cap', () => {
    const settings = { ...DEFAULT_DEVICE_SETTINGS, maxIntensity: 30 };
    const item = { label: 'Spin', reaction: { kind: 'pattern', pattern: 'wave', intensity: 90, seconds: 4 } as const };
    expect(reactionForTip(20, settings, idle, item)).toEqual({
      queued: true,
      label: 'Spin',
      reaction: { kind: 'pattern', pattern: 'wave', intensity: 30, seconds: 4 },
    });
    // An item without a reaction is tipped at its level.
    expect(reactionForTip(20, settings, idle, { label: 'Hi', reaction: null })).toEqual({
      queued: true,
      label: 'Medium',
      reaction: { kind: 'steady', intensity: 30, seconds: 7 },
    });
  });

  it('caps every step of a custom pattern and keeps its timing', () => {
    const custom: Reaction = {
      kind: 'custom',
      steps: [
        { intensity: 100, ms: 300 },
        { intensity: 20, ms: 700 },
      ],
    };
    expect(capReaction(custom, 50)).toEqual({
      kind: 'custom',
      steps: [
        { intensity: 50, ms: 300 },
        { intensity: 20, ms: 700 },
      ],
    });
    expect(reactionMs(custom)).toBe(1_000);
    expect(describeReaction(custom)).toBe('Custom pattern, 1 s');
    expect(describeReaction({ kind: 'pattern', pattern: 'pulse', intensity: 60, seconds: 20 })).toBe(
      'Pulse at 60%, 20 s',
    );
  });

  it('finds overlapping, open-ended and upside-down ranges', () => {
    expect(
      levelsProblem([
        { min: 1, max: 10 },
        { min: 11, max: null },
      ]),
    ).toBeNull();
    expect(
      levelsProblem([
        { min: 11, max: 20 },
        { min: 1, max: 11 },
      ]),
    ).toBe('The levels 1–11 and 11–20 overlap');
    expect(
      levelsProblem([
        { min: 1, max: null },
        { min: 500, max: 600 },
      ]),
    ).toBe('The levels 1+ and 500–600 overlap');
    expect(levelsProblem([{ min: 9, max: 3 }])).toBe('The level 9–3 ends before it starts');
  });
});
