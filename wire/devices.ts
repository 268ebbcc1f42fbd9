import { z } from 'zod';
import { levelsProblem } from './device-reactions.ts';
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

/** What became of a tip on the toy, told in its tip.result while a toy is connected. */
export const TipDevice = z.enum(['queued', 'queue-full', 'no-level']);
export type TipDevice = z.infer<typeof TipDevice>;

// The rules in plain functions (no zod), so the room page can use them without the schemas.
export {
  capReaction,
  describeReaction,
  levelFor,
  levelName,
  levelsProblem,
  reactionForTip,
  reactionMs,
  type TipReaction,
} from './device-reactions.ts';
