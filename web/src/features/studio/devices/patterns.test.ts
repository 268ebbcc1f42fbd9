import { describe, expect, it } from 'vitest';
import { DEVICE_PATTERNS, Reaction } from '../../../../../wire/devices.ts';
import { reactionSteps, stepAt, totalMs } from './patterns.ts';

describe('reaction steps', () => {
  it('plays a steady reaction as one step at its intensity for its seconds', () => {
    expect(reactionSteps({ kind: 'steady', intensity: 40, seconds: 3 }, 100)).toEqual([{ intensity: 40, ms: 3000 }]);
  });

  it('holds a steady reaction to the cap when it asks for more', () => {
    expect(reactionSteps({ kind: 'steady', intensity: 90, seconds: 2 }, 60)).toEqual([{ intensity: 60, ms: 2000 }]);
  });

  it('alternates a pulse between the intensity and rest every half second', () => {
    expect(reactionSteps({ kind: 'pattern', pattern: 'pulse', intensity: 80, seconds: 2 }, 100)).toEqual([
      { intensity: 80, ms: 500 },
      { intensity: 0, ms: 500 },
      { intensity: 80, ms: 500 },
      { intensity: 0, ms: 500 },
    ]);
  });

  it('lasts exactly the reaction seconds and never exceeds the cap for every named pattern', () => {
    for (const pattern of DEVICE_PATTERNS)
      for (const seconds of [1, 3, 7, 60]) {
        const steps = reactionSteps({ kind: 'pattern', pattern, intensity: 100, seconds }, 45);
        expect(totalMs(steps), `${pattern} for ${seconds} s`).toBe(seconds * 1000);
        expect(Math.max(...steps.map((s) => s.intensity)), pattern).toBeLessThanOrEqual(45);
        expect(Math.min(...steps.map((s) => s.intensity)), pattern).toBeGreaterThanOrEqual(0);
      }
  });

  it('reaches the asked intensity at the peak of a wave, fireworks and earthquake', () => {
    for (const pattern of ['wave', 'fireworks', 'earthquake'] as const) {
      const steps = reactionSteps({ kind: 'pattern', pattern, intensity: 70, seconds: 5 }, 100);
      expect(Math.max(...steps.map((s) => s.intensity)), pattern).toBe(70);
      expect(new Set(steps.map((s) => s.intensity)).size, pattern).toBeGreaterThan(2);
    }
  });

  it('caps every custom step and merges neighbours at the same level', () => {
    const steps = reactionSteps(
      {
        kind: 'custom',
        steps: [
          { intensity: 100, ms: 1000 },
          { intensity: 90, ms: 500 },
          { intensity: 20, ms: 500 },
        ],
      },
      50,
    );
    expect(steps).toEqual([
      { intensity: 50, ms: 1500 },
      { intensity: 20, ms: 500 },
    ]);
  });

  it('plays nothing above zero with a cap of zero', () => {
    const steps = reactionSteps({ kind: 'pattern', pattern: 'fireworks', intensity: 100, seconds: 4 }, 0);
    expect(steps).toEqual([{ intensity: 0, ms: 4000 }]);
  });

  it('refuses custom patterns with too many steps or over sixty seconds at the wire', () => {
    const many = Array.from({ length: 61 }, () => ({ intensity: 10, ms: 100 }));
    expect(Reaction.safeParse({ kind: 'custom', steps: many }).success).toBe(false);
    const long = Array.from({ length: 7 }, () => ({ intensity: 10, ms: 10_000 }));
    expect(Reaction.safeParse({ kind: 'custom', steps: long }).success).toBe(false);
  });
});

describe('step at a moment', () => {
  const steps = reactionSteps({ kind: 'pattern', pattern: 'pulse', intensity: 60, seconds: 2 }, 100);

  it('starts at the first step with all of it to run', () => {
    expect(stepAt(steps, 0)).toEqual({ index: 0, intensity: 60, remainingMs: 500 });
  });

  it('joins mid-reaction at the step that is playing, with what is left of it', () => {
    expect(stepAt(steps, 1200)).toEqual({ index: 2, intensity: 60, remainingMs: 300 });
  });

  it('is over at the end', () => {
    expect(stepAt(steps, 2000)).toBeNull();
  });
});
