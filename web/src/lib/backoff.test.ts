import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoff', () => {
  it('doubles from the first step up to the cap', () => {
    const steps = [0, 1, 2, 3, 4, 5].map((n) => backoffDelay({ firstMs: 500, maxMs: 10_000 }, n));
    expect(steps).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
  });

  it('grows by the given factor', () => {
    const steps = [0, 1, 2, 3, 4].map((n) => backoffDelay({ firstMs: 1000, maxMs: 5000, factor: 1.5 }, n));
    expect(steps).toEqual([1000, 1500, 2250, 3375, 5000]);
  });

  it('scales each step by a jitter between its bounds', () => {
    const backoff = { firstMs: 400, maxMs: 8000, jitter: [0.8, 1.2] } as const;
    expect(backoffDelay(backoff, 1, () => 0)).toBe(640);
    expect(backoffDelay(backoff, 1, () => 0.5)).toBe(800);
    expect(backoffDelay(backoff, 1, () => 1)).toBe(960);
  });
});
