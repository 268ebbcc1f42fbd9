import type { Track } from '../../wire/music.ts';

/** A request a newly playing track matched (the song-request queue answers this). */
export type TrackMatch = { requestId: string; requester: string | null };

/**
 * Told when a new track starts playing (typed in the studio or posted by the companion); the request
 * queue uses it to mark a matching request played. At most one listener's match is kept.
 *
 * `play.id` names this play of the track: the Room may tell a listener about the same play again (it was
 * evicted before it recorded the answer, and the post was resent), so a listener answers a play id it has
 * seen with its first answer rather than matching a second request.
 */
export type TrackListener = (track: Track, play: { id: string }) => Promise<TrackMatch | null>;
