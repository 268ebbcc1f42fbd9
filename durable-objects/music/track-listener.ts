import type { Track } from '../../wire/music.ts';

/** A request a newly playing track matched (the song-request queue answers this). */
export type TrackMatch = { requestId: string; requester: string | null };

/**
 * Told when a new track starts playing (typed in the studio or posted by the companion); the request
 * queue uses it to mark a matching request played. At most one listener's match is kept.
 */
export type TrackListener = (track: Track) => Promise<TrackMatch | null>;
