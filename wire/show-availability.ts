import { z } from 'zod';

/**
 * Where a performer stands for paid shows, as anyone may see it: the profile's "Available for sessions" (with
 * the kinds and rates), and "In private" / "Group show" while a show runs. Never who is in the show.
 */
export const ShowInProgress = z.enum(['private', 'group', 'session']);
export type ShowInProgress = z.infer<typeof ShowInProgress>;

export const SessionRates = z.object({ video: z.number().int(), voice: z.number().int(), chat: z.number().int() });
export type SessionRates = z.infer<typeof SessionRates>;

export const ShowAvailability = z.object({
  live: z.boolean(),
  /** A show running now (private, group, or a one-to-one session); null when none. */
  inShow: ShowInProgress.nullable(),
  /** Rates of one-to-one sessions when the performer takes them; null when not available. */
  sessions: SessionRates.nullable(),
  /** Whether a session can be started now: available, not live in public and not in a show. */
  sessionsOpen: z.boolean(),
  /** Tokens a minute for a private show from the public room; null when private shows are off. */
  privateRate: z.number().int().nullable(),
  minimumMinutes: z.number().int(),
  groupRate: z.number().int(),
});
export type ShowAvailability = z.infer<typeof ShowAvailability>;

/** A performer available for one-to-one sessions, for the directory. */
export const AvailablePerformer = z.object({
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  tags: z.array(z.string()),
  sessions: SessionRates,
});
export type AvailablePerformer = z.infer<typeof AvailablePerformer>;
export const AvailableResponse = z.object({ performers: z.array(AvailablePerformer) });
export type AvailableResponse = z.infer<typeof AvailableResponse>;
