import { z } from 'zod';
import { DisplayName } from './account.ts';
import { shownText } from './text.ts';

export const BIO_MAX = 2000;
export const PICTURE_MAX_BYTES = 5 * 1024 * 1024;
export const PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM');

export const ScheduleSlot = z.object({ day: Weekday, start: ClockTime, end: ClockTime });
export type ScheduleSlot = z.infer<typeof ScheduleSlot>;

export const Schedule = z.object({
  /** IANA time zone the slots are in, for example Europe/Berlin. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone'),
  slots: z.array(ScheduleSlot).max(21),
});
export type Schedule = z.infer<typeof Schedule>;

export const SocialLink = z.object({
  label: shownText().trim().min(1).max(40),
  url: z.url({ protocol: /^https$/, message: 'Links must be https:// URLs' }).max(500),
});
export type SocialLink = z.infer<typeof SocialLink>;

export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'Tags are up to 24 letters, digits or dashes');

export const ProfileUpdateBody = z
  .object({
    displayName: DisplayName,
    bio: shownText().max(BIO_MAX, `At most ${BIO_MAX} characters`),
    schedule: Schedule.nullable(),
    links: z.array(SocialLink).max(10),
    tags: z
      .array(Tag)
      .max(10)
      .transform((tags) => [...new Set(tags)]),
  })
  .partial();
export type ProfileUpdateBody = z.input<typeof ProfileUpdateBody>;

export const PerformerProfile = z.object({
  handle: z.string(),
  displayName: z.string(),
  bio: z.string(),
  avatarUrl: z.string().nullable(),
  coverUrl: z.string().nullable(),
  schedule: Schedule.nullable(),
  links: z.array(SocialLink),
  tags: z.array(z.string()),
  followerCount: z.number().int(),
  /** Whether the signed-in user follows this performer; false when signed out. */
  following: z.boolean(),
  /** The show on now, or null when the performer is offline (the profile shows LIVE and a way in). */
  live: z.object({ title: z.string() }).nullable(),
});
export type PerformerProfile = z.infer<typeof PerformerProfile>;

export const PerformerResponse = z.object({ performer: PerformerProfile });
export type PerformerResponse = z.infer<typeof PerformerResponse>;

export const FollowState = z.object({ following: z.boolean(), followerCount: z.number().int() });
export type FollowState = z.infer<typeof FollowState>;

export const PerformerCard = PerformerProfile.pick({ handle: true, displayName: true, avatarUrl: true, tags: true });
export type PerformerCard = z.infer<typeof PerformerCard>;
/** A followed performer, with their show when they are live now (the signed-in home leads with those). */
export const FollowedPerformer = PerformerCard.extend({
  live: z.object({ title: z.string(), viewers: z.number().int(), thumbnailUrl: z.string().nullable() }).nullable(),
});
export type FollowedPerformer = z.infer<typeof FollowedPerformer>;
export const FollowingResponse = z.object({ performers: z.array(FollowedPerformer) });
export type FollowingResponse = z.infer<typeof FollowingResponse>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
