import { z } from 'zod';
import { shownText } from './text.ts';

/** Song requests and now playing: shared by the Room, the studio, the room page and the companion. */
export const TRACK_TEXT_MAX_CHARS = 200;

export const TrackInput = z.object({
  title: shownText().trim().min(1, 'Give the title').max(TRACK_TEXT_MAX_CHARS),
  artist: shownText().trim().max(TRACK_TEXT_MAX_CHARS).default(''),
});
export type TrackInput = z.input<typeof TrackInput>;
export type Track = z.infer<typeof TrackInput>;
