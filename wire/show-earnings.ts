import { z } from 'zod';

/** One seat of a paid show on the performer's earnings page: who (unless anonymous), how long, what it made. */
export const ShowEarning = z.object({
  showId: z.string(),
  /** When the seat started (ISO). */
  at: z.string(),
  /** The show's kind (private, group, session-…), or `spy` for someone who watched a private show as a spy. */
  kind: z.string(),
  /** Null when the viewer was anonymous: never named to the performer. */
  viewer: z.object({ handle: z.string(), displayName: z.string() }).nullable(),
  minutes: z.number().int(),
  /** What the viewer paid, and the performer's share of it after the platform fee. */
  tokens: z.number().int(),
  earned: z.number().int(),
});
export type ShowEarning = z.infer<typeof ShowEarning>;

export const ShowEarningsResponse = z.object({
  /** The latest 50 finished seats, newest first. */
  shows: z.array(ShowEarning),
  /** The performer's share of show minutes: the last 30 days and all time. */
  last30Days: z.number().int(),
  allTime: z.number().int(),
});
export type ShowEarningsResponse = z.infer<typeof ShowEarningsResponse>;
