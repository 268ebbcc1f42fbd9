import type { DevicePattern, PatternStep, Reaction } from '../../../../../wire/devices.ts';

/** One timed level the device holds: intensity in percent of full strength, already capped. */
export type Step = PatternStep;

/**
 * Each named pattern is one cycle of (share of the reaction's intensity, milliseconds), repeated until the
 * reaction's seconds run out. Fixed tables, not random numbers: the same tip plays the same way on every
 * run, so the simulator's record can be checked and a performer learns what each level feels like.
 */
const CYCLES: Record<DevicePattern, readonly (readonly [share: number, ms: number])[]> = {
  // On and off, half a second each.
  pulse: [
    [1, 500],
    [0, 500],
  ],
  // Up and down in quarter steps over two seconds.
  wave: [
    [0.25, 250],
    [0.5, 250],
    [0.75, 250],
    [1, 250],
    [1, 250],
    [0.75, 250],
    [0.5, 250],
    [0.25, 250],
  ],
  // Rising bursts, then a pause.
  fireworks: [
    [0.3, 200],
    [0.6, 200],
    [1, 400],
    [0, 400],
  ],
  // An uneven rumble that never stops.
  earthquake: [
    [1, 300],
    [0.5, 200],
    [0.9, 400],
    [0.4, 200],
    [1, 300],
    [0.7, 200],
    [0.3, 300],
    [0.8, 400],
  ],
};

/** The reaction as steps that last exactly its duration, never above `cap` (percent) whatever it asks for. */
export function reactionSteps(reaction: Reaction, cap: number): Step[] {
  const limit = Math.max(0, Math.min(100, cap));
  const capped = (intensity: number) => Math.round(Math.max(0, Math.min(intensity, limit)));
  switch (reaction.kind) {
    case 'steady':
      return merge([{ intensity: capped(reaction.intensity), ms: reaction.seconds * 1000 }]);
    case 'pattern': {
      const cycle = CYCLES[reaction.pattern];
      const total = reaction.seconds * 1000;
      const steps: Step[] = [];
      for (let at = 0, i = 0; at < total; i++) {
        const [share, ms] = cycle[i % cycle.length]!;
        const length = Math.min(ms, total - at);
        steps.push({ intensity: capped(reaction.intensity * share), ms: length });
        at += length;
      }
      return merge(steps);
    }
    case 'custom':
      return merge(reaction.steps.map((step) => ({ intensity: capped(step.intensity), ms: step.ms })));
  }
}

/** Neighbouring steps at the same level become one: one device command instead of several. */
function merge(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (last && last.intensity === step.intensity) last.ms += step.ms;
    else if (step.ms > 0) out.push({ ...step });
  }
  return out;
}

export function totalMs(steps: readonly Step[]): number {
  return steps.reduce((ms, step) => ms + step.ms, 0);
}

/**
 * Where playback stands `elapsedMs` into the steps: the step's index, its level and how long it still
 * holds; null once the steps are over. A studio that (re)joins mid-reaction starts here, not at the top.
 */
export function stepAt(
  steps: readonly Step[],
  elapsedMs: number,
): { index: number; intensity: number; remainingMs: number } | null {
  let at = 0;
  const from = Math.max(0, elapsedMs);
  for (const [index, step] of steps.entries()) {
    if (from < at + step.ms) return { index, intensity: step.intensity, remainingMs: at + step.ms - from };
    at += step.ms;
  }
  return null;
}
