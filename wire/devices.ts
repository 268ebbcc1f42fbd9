import { z } from 'zod';
import { shownText } from './text.ts';

/**
 * Tip-triggered devices: what the Room queues (one ordered queue per room, seen by everyone) and the
 * performer's studio page plays on the device. The Room decides; only the studio talks to the device.
 */
export const DEVICE_PATTERNS = ['pulse', 'wave', 'fireworks', 'earthquake'] as const;
export const DevicePattern = z.enum(DEVICE_PATTERNS);
export type DevicePattern = z.infer<typeof DevicePattern>;

/** Percent of the device's full strength; the performer's cap applies on top. */
export const Intensity = z.number().int().min(0).max(100);
export const REACTION_MAX_SECONDS = 60;

export const PatternStep = z.object({ intensity: Intensity, ms: z.number().int().min(100).max(10_000) });
export type PatternStep = z.infer<typeof PatternStep>;

export const Reaction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('steady'), intensity: Intensity, seconds: z.number().int().min(1).max(60) }),
  z.object({
    kind: z.literal('pattern'),
    pattern: DevicePattern,
    intensity: Intensity,
    seconds: z.number().int().min(1).max(60),
  }),
  z.object({
    kind: z.literal('custom'),
    steps: z
      .array(PatternStep)
      .min(1)
      .max(60)
      .refine((steps) => steps.reduce((ms, step) => ms + step.ms, 0) <= REACTION_MAX_SECONDS * 1000, {
        message: `At most ${REACTION_MAX_SECONDS} seconds in all`,
      }),
  }),
]);
export type Reaction = z.infer<typeof Reaction>;

/** The reaction running now, as every viewer and the studio see it (Room clock, epoch ms). */
export const RunningReaction = z.object({
  id: z.string(),
  /** The tipper's display name; null for an anonymous tip. */
  tipper: z.string().nullable(),
  tokens: z.number().int(),
  reaction: Reaction,
  startedAt: z.number().int(),
  endsAt: z.number().int(),
  /** The tip level's name or the tip-menu item that chose the reaction. */
  label: z.string().optional(),
});
export type RunningReaction = z.infer<typeof RunningReaction>;

export const DeviceQueueState = z.object({
  running: RunningReaction.nullable(),
  waiting: z.number().int().nonnegative(),
  paused: z.boolean(),
  /** Whether the performer's studio reports a connected device: no device, no queue. */
  deviceConnected: z.boolean(),
  /** The performer's caps, so a tipper is told before paying that a full queue means no reaction. */
  maxQueue: z.number().int().positive(),
  maxIntensity: Intensity,
});
export type DeviceQueueState = z.infer<typeof DeviceQueueState>;

export const DeviceControl = z.enum(['pause', 'resume', 'skip', 'clear']);
export type DeviceControl = z.infer<typeof DeviceControl>;

/** The performer's studio says whether a device is connected (and how many): no device, no queue. */
export const DeviceStatus = z.object({ connected: z.boolean(), devices: z.number().int().min(0).max(100) });
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** Tip levels a performer may define; amounts outside every level get no reaction. */
export const DEVICE_LEVELS_MAX = 10;
export const DEVICE_QUEUE_MAX = 100;
export const LEVEL_NAME_MAX_CHARS = 30;

/** A range of tip amounts (max null: and up) and what the device does for a tip in it. */
export const TipLevel = z.object({
  min: z.number().int('Whole tokens only').min(1, 'At least 1 token'),
  max: z.number().int('Whole tokens only').min(1).nullable(),
  reaction: Reaction,
  /** Shown in the device strip ("Medium"); the range stands in when absent. */
  name: shownText().trim().min(1).max(LEVEL_NAME_MAX_CHARS).optional(),
});
export type TipLevel = z.infer<typeof TipLevel>;

export const DeviceSettings = z.object({
  levels: z
    .array(TipLevel)
    .max(DEVICE_LEVELS_MAX, `At most ${DEVICE_LEVELS_MAX} levels`)
    .superRefine((levels, ctx) => {
      const problem = levelsProblem(levels);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** No reaction ever runs above this percent, whatever its level, menu item or pattern asks. */
  maxIntensity: z.number().int().min(1, 'At least 1%').max(100, 'At most 100%'),
  /** Reactions waiting (the running one aside); past it tips are still taken, without a reaction. */
  maxQueue: z.number().int().min(1, 'At least 1').max(DEVICE_QUEUE_MAX, `At most ${DEVICE_QUEUE_MAX}`),
});
export type DeviceSettings = z.infer<typeof DeviceSettings>;

export const DeviceSettingsResponse = z.object({ settings: DeviceSettings });
export type DeviceSettingsResponse = z.infer<typeof DeviceSettingsResponse>;

/** A ladder like the common cam sites': bigger tips, stronger and longer; 500 and up a pattern. */
export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  levels: [
    { min: 1, max: 14, name: 'Low', reaction: { kind: 'steady', intensity: 25, seconds: 3 } },
    { min: 15, max: 49, name: 'Medium', reaction: { kind: 'steady', intensity: 50, seconds: 7 } },
    { min: 50, max: 99, name: 'High', reaction: { kind: 'steady', intensity: 75, seconds: 15 } },
    { min: 100, max: 499, name: 'Very high', reaction: { kind: 'steady', intensity: 100, seconds: 30 } },
    {
      min: 500,
      max: null,
      name: 'Fireworks',
      reaction: { kind: 'pattern', pattern: 'fireworks', intensity: 100, seconds: 30 },
    },
  ],
  maxIntensity: 100,
  maxQueue: 20,
};

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

/** What became of a tip on the toy, told in its tip.result while a toy is connected. */
export const TipDevice = z.enum(['queued', 'queue-full', 'no-level']);
export type TipDevice = z.infer<typeof TipDevice>;

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
