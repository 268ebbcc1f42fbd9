import type { NowPlaying } from './music.ts';

/** Music's limits and empty values, without zod (wire/music.ts re-exports them), for the room page's weight. */
export const TRACK_TEXT_MAX_CHARS = 200;
export const REQUEST_NOTE_MAX_CHARS = 200;
export const NO_TRACKS: NowPlaying = { current: null, recent: [] };
