import { z } from 'zod';

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
