import { z } from 'zod';
import { REQUEST_NOTE_MAX_CHARS, TRACK_TEXT_MAX_CHARS } from './music-limits.ts';
import { shownText } from './text.ts';

/** Song requests and now playing: shared by the Room, the studio, the room page and the companion. */
// The limits and the empty now-playing live in a module without zod, for the room page's weight.
export { NO_TRACKS, REQUEST_NOTE_MAX_CHARS, TRACK_TEXT_MAX_CHARS } from './music-limits.ts';

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

/*
 * Song requests. A viewer pays the performer's price to request a song; the tokens wait in the request's
 * hold (`hold:request:<id>`) until it is played (released to earnings at the usual split) or rejected,
 * withdrawn, expired or left waiting when the show ended (refunded).
 */
export const REQUEST_PRICE_MAX_TOKENS = 100_000;
export const REQUEST_QUEUE_MAX = 100;
export const REQUEST_BLOCKLIST_MAX = 100;
/** A request marked played (by hand or by a matching track) can be undone this long; then its hold is released. */
export const REQUEST_UNDO_MS = 60_000;

/** How the queue is ordered: by arrival, or by tokens (most first, then by arrival). */
export const RequestOrder = z.enum(['first_come', 'most_tokens']);
export type RequestOrder = z.infer<typeof RequestOrder>;

/** The performer's request settings (studio "Requests"), kept by their Room. */
export const RequestSettings = z.object({
  open: z.boolean(),
  price: z.number().int('Whole tokens only').min(1, 'At least 1 token').max(REQUEST_PRICE_MAX_TOKENS),
  /** The least tokens one bump may add; null lets any amount bump. */
  bumpMinimum: z.number().int('Whole tokens only').min(1, 'At least 1 token').max(REQUEST_PRICE_MAX_TOKENS).nullable(),
  maxQueue: z.number().int().min(1, 'At least 1').max(REQUEST_QUEUE_MAX, `At most ${REQUEST_QUEUE_MAX}`),
  maxPerViewer: z.number().int().min(1, 'At least 1').max(20, 'At most 20'),
  /** Words or artists refused in a request's title, artist or note (case and accents ignored). */
  blocklist: z.array(shownText().trim().min(1).max(60)).max(REQUEST_BLOCKLIST_MAX),
  /** True: a request waits for the performer's accept; false: it goes straight to the queue. */
  acceptFirst: z.boolean(),
  order: RequestOrder,
  /** A request not played this long after it was made is refunded. */
  expiryMinutes: z
    .number()
    .int()
    .min(5, 'At least 5 minutes')
    .max(24 * 60, 'At most 24 hours'),
});
export type RequestSettings = z.infer<typeof RequestSettings>;

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  open: false,
  price: 100,
  bumpMinimum: null,
  maxQueue: 30,
  maxPerViewer: 3,
  blocklist: [],
  acceptFirst: true,
  order: 'first_come',
  expiryMinutes: 120,
};

export const RequestSettingsResponse = z.object({ settings: RequestSettings });
export type RequestSettingsResponse = z.infer<typeof RequestSettingsResponse>;

/**
 * Where a request stands. Waiting: `pending` (for the performer's accept) or `queued`; then `playing`;
 * finished: `played` (paid), or refunded: `rejected`, `withdrawn`, `expired`, `ended` (the show ended first).
 */
export const RequestStatus = z.enum([
  'pending',
  'queued',
  'playing',
  'played',
  'rejected',
  'withdrawn',
  'expired',
  'ended',
]);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const WAITING_STATUSES: readonly RequestStatus[] = ['pending', 'queued'];

export const SongRequest = z.object({
  id: z.string(),
  title: z.string(),
  artist: z.string(),
  note: z.string(),
  /** Null when the requester chose to be anonymous. */
  requester: z.object({ handle: z.string(), displayName: z.string() }).nullable(),
  /** Tokens held for it: the price plus every bump. */
  tokens: z.number().int(),
  status: RequestStatus,
  /** Room clock, epoch ms: when it was made. */
  at: z.number().int(),
  /** When it was marked played: an undo is possible until playedAt + REQUEST_UNDO_MS. */
  playedAt: z.number().int().nullable(),
  /** The performer's reason, for a rejected request. */
  reason: z.string().nullable(),
});
export type SongRequest = z.infer<typeof SongRequest>;

/**
 * The room's queue (RoomEvent kind `requests`, and in the snapshot): the waiting and playing requests in
 * play order, the last few finished ones, and the settings a viewer needs to request.
 */
export const RequestQueue = z.object({
  open: z.boolean(),
  price: z.number().int(),
  bumpMinimum: z.number().int().nullable(),
  queue: z.array(SongRequest),
  done: z.array(SongRequest),
});
export type RequestQueue = z.infer<typeof RequestQueue>;

/** Frame fields are loose on purpose: the Room checks them and answers `rejected` with the reason. */
export const RequestFields = z.object({
  title: z.string().max(2000),
  artist: z.string().max(2000).default(''),
  note: z.string().max(2000).default(''),
  anonymous: z.boolean().optional(),
});

/** What the Room accepts as a request's text (after the loose frame). */
export const RequestText = z.object({
  title: shownText()
    .trim()
    .min(1, 'Give the title')
    .max(TRACK_TEXT_MAX_CHARS, `Titles are at most ${TRACK_TEXT_MAX_CHARS} characters`),
  artist: shownText().trim().max(TRACK_TEXT_MAX_CHARS, `Artists are at most ${TRACK_TEXT_MAX_CHARS} characters`),
  note: shownText().trim().max(REQUEST_NOTE_MAX_CHARS, `Notes are at most ${REQUEST_NOTE_MAX_CHARS} characters`),
});

/** What the performer does with one request. `undo` takes back a `played` within REQUEST_UNDO_MS. */
export const RequestAction = z.enum(['accept', 'reject', 'playing', 'played', 'undo']);
export type RequestAction = z.infer<typeof RequestAction>;
