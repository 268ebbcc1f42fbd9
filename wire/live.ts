import { z } from 'zod';
import { Tag } from './profile.ts';
import { ShowInProgress } from './show-availability.ts';
import { shownText } from './text.ts';

/** Going live and the live directory. */
export const GoLiveBody = z.object({
  title: shownText().trim().min(1, 'Give the show a title').max(100),
  tags: z
    .array(Tag)
    .max(10)
    .default([])
    .transform((tags) => [...new Set(tags)]),
});
export type GoLiveBody = z.input<typeof GoLiveBody>;

export const LiveState = z.object({
  live: z.boolean(),
  title: z.string(),
  tags: z.array(z.string()),
  viewers: z.number().int(),
  startedAt: z.string().nullable(),
});
export type LiveState = z.infer<typeof LiveState>;

export const LiveRoom = z.object({
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  title: z.string(),
  tags: z.array(z.string()),
  viewers: z.number().int(),
  startedAt: z.string(),
  /** A paid show running in the room ("In private", "Group show"; wire/show-availability.ts); absent or null: none. */
  show: ShowInProgress.nullable().optional(),
});
export type LiveRoom = z.infer<typeof LiveRoom>;

export const LiveRoomsResponse = z.object({ rooms: z.array(LiveRoom) });
export type LiveRoomsResponse = z.infer<typeof LiveRoomsResponse>;

/** The signed-in viewer's standing in one room: the page asks when the room socket is refused at the door. */
export const RoomStanding = z.object({ banned: z.boolean() });
export type RoomStanding = z.infer<typeof RoomStanding>;

/**
 * The studio's summary after End show: how long it ran, the most viewers at once, tips (every tip to the
 * performer while live, anonymous ones included, before any goal refund) and follows gained meanwhile.
 */
export const ShowSummary = z.object({
  title: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.number().int(),
  peakViewers: z.number().int(),
  tips: z.number().int(),
  tokens: z.number().int(),
  newFollowers: z.number().int(),
});
export type ShowSummary = z.infer<typeof ShowSummary>;

export const ShowSummaryResponse = z.object({ summary: ShowSummary.nullable() });
export type ShowSummaryResponse = z.infer<typeof ShowSummaryResponse>;
