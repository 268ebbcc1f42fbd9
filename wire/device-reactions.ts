import type { DeviceQueueState, DeviceSettings, Reaction, TipLevel } from './devices.ts';

/**
 * The device rules the Room, the studio and the room page share, as plain functions: no zod here, so
 * the room page imports them without the schemas (wire/devices.ts re-exports them).
 */
const rangeText = (level: Pick<TipLevel, 'min' | 'max'>) =>
  level.max === null ? `${level.min}+` : `${level.min}–${level.max}`;

/** Why a set of levels cannot stand (a range upside down, two ranges overlapping), or null. */
export function levelsProblem(levels: readonly Pick<TipLevel, 'min' | 'max'>[]): string | null {
  for (const level of levels)
    if (level.max !== null && level.max < level.min) return `The level ${level.min}–${level.max} ends before it starts`;
  const sorted = [...levels].sort((a, b) => a.min - b.min);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const level = sorted[i]!;
    if (before.max === null || before.max >= level.min)
      return `The levels ${rangeText(before)} and ${rangeText(level)} overlap`;
  }
  return null;
}

/** The level a tip of `amount` tokens falls in, if any. */
export function levelFor(amount: number, levels: readonly TipLevel[]): TipLevel | undefined {
  return levels.find((level) => amount >= level.min && (level.max === null || amount <= level.max));
}

/** How a level is named in the strip and the tip form: its name, else its range. */
export function levelName(level: TipLevel): string {
  return level.name ?? `${rangeText(level)} tokens`;
}

/** The reaction held to the cap: every intensity it asks for, a pattern's and each custom step's included. */
export function capReaction(reaction: Reaction, maxIntensity: number): Reaction {
  if (reaction.kind === 'custom')
    return {
      ...reaction,
      steps: reaction.steps.map((step) => ({ ...step, intensity: Math.min(step.intensity, maxIntensity) })),
    };
  return { ...reaction, intensity: Math.min(reaction.intensity, maxIntensity) };
}

/** How long a reaction runs, in milliseconds. */
export function reactionMs(reaction: Reaction): number {
  if (reaction.kind === 'custom') return reaction.steps.reduce((ms, step) => ms + step.ms, 0);
  return reaction.seconds * 1000;
}

/** What a tip gets on the device, and why it gets none: the one rule the Room and the tip form share. */
export type TipReaction =
  | { queued: true; reaction: Reaction; label: string }
  | { queued: false; why: 'no-device' | 'queue-full' | 'no-level' };

/**
 * The reaction a tip of `amount` queues: the menu item's reaction when it has one, else its level's, held to
 * the cap; none while no device is connected, when the queue is full, or when no level covers the amount.
 */
export function reactionForTip(
  amount: number,
  settings: DeviceSettings,
  queue: Pick<DeviceQueueState, 'deviceConnected' | 'waiting'>,
  menuItem?: { label: string; reaction: Reaction | null },
): TipReaction {
  if (!queue.deviceConnected) return { queued: false, why: 'no-device' };
  if (queue.waiting >= settings.maxQueue) return { queued: false, why: 'queue-full' };
  if (menuItem?.reaction)
    return { queued: true, reaction: capReaction(menuItem.reaction, settings.maxIntensity), label: menuItem.label };
  const level = levelFor(amount, settings.levels);
  if (!level) return { queued: false, why: 'no-level' };
  return { queued: true, reaction: capReaction(level.reaction, settings.maxIntensity), label: levelName(level) };
}

/** A reaction in words, for the strip, the tip form and the menu ("Medium, 7 s", "Pulse, 20 s"). */
export function describeReaction(reaction: Reaction): string {
  const seconds = Math.round(reactionMs(reaction) / 100) / 10;
  if (reaction.kind === 'custom') return `Custom pattern, ${seconds} s`;
  const strength = `${reaction.intensity}%`;
  if (reaction.kind === 'pattern')
    return `${reaction.pattern[0]!.toUpperCase()}${reaction.pattern.slice(1)} at ${strength}, ${seconds} s`;
  return `${strength} for ${seconds} s`;
}
