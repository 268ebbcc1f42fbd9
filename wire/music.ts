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

/** A track that played or is playing, as the room sees it. */
export const PlayedTrack = z.object({
  title: z.string(),
  artist: z.string(),
  /** Room clock, epoch ms. */
  at: z.number().int(),
  /** Set when the track played a song request; requester is null for an anonymous one. */
  request: z.object({ id: z.string(), requester: z.string().nullable() }).nullable(),
});
export type PlayedTrack = z.infer<typeof PlayedTrack>;

/** The room's now-playing feed (RoomEvent kind `track`, and in the snapshot). */
export const NowPlaying = z.object({ current: PlayedTrack.nullable(), recent: z.array(PlayedTrack) });
export type NowPlaying = z.infer<typeof NowPlaying>;

/** Tracks the room keeps besides the current one (the snapshot's `recent`, newest first). */
export const RECENT_TRACKS = 20;

/** Where a now-playing track came from: typed in the studio, or posted with a now-playing token (the companion). */
export const TrackSource = z.enum(['studio', 'companion']);
export type TrackSource = z.infer<typeof TrackSource>;

/** What `POST /api/studio/now-playing` answers: the feed, and whether the track was already the current one. */
export const NowPlayingResponse = z.object({ nowPlaying: NowPlaying, repeat: z.boolean() });
export type NowPlayingResponse = z.infer<typeof NowPlayingResponse>;

export const NO_TRACKS: NowPlaying = { current: null, recent: [] };

/** Now-playing tokens: made in the studio, good for `POST /api/studio/now-playing` and nothing else. */
export const NOW_PLAYING_TOKEN_NAME_MAX_CHARS = 60;
/** Live (unrevoked) tokens a performer may hold at once. */
export const NOW_PLAYING_TOKENS_MAX = 10;

export const NowPlayingToken = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart (the token itself is shown only once). */
  hint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type NowPlayingToken = z.infer<typeof NowPlayingToken>;

export const NewNowPlayingTokenBody = z.object({
  name: shownText()
    .trim()
    .min(1, 'Name the token (the computer it goes on, say)')
    .max(NOW_PLAYING_TOKEN_NAME_MAX_CHARS, `At most ${NOW_PLAYING_TOKEN_NAME_MAX_CHARS} characters`),
});
export const NewNowPlayingTokenResponse = z.object({
  token: NowPlayingToken,
  /** The token itself: shown this once, kept nowhere in clear. */
  secret: z.string(),
});
export const NowPlayingTokensResponse = z.object({ tokens: z.array(NowPlayingToken) });
export const NowPlayingFeedResponse = z.object({ nowPlaying: NowPlaying });
