import { z } from 'zod';

/**
 * The media API between the browser and the Worker (which fronts the Realtime SFU; the SFU
 * itself is never called by a browser). A performer publishes with an offer; a viewer pulls:
 * the SFU offers, the page answers through `renegotiate`. Every call after the first carries
 * the `token` the first one returned, which binds the SFU session to that person and room.
 */
export const TrackKind = z.enum(['audio', 'video']);
export type TrackKind = z.infer<typeof TrackKind>;

/** Simulcast layers by rid, largest first: full, half and quarter resolution. */
export const LAYERS = ['h', 'm', 'l'] as const;
export const Layer = z.enum(LAYERS);
export type Layer = z.infer<typeof Layer>;

/** SDP offers with simulcast are a few KB; this bounds what we forward to the SFU. */
export const SDP_MAX_CHARS = 48 * 1024;
export const Sdp = z.string().min(10).max(SDP_MAX_CHARS);
export const Offer = z.object({ type: z.literal('offer'), sdp: Sdp });
export const Answer = z.object({ type: z.literal('answer'), sdp: Sdp });

export const MediaToken = z.string().min(20).max(400);
export const Mid = z.string().min(1).max(16);

/** A track of the live room, as viewers know it: a name chosen by the Worker, and its kind. */
export const RoomTrack = z.object({ name: z.string(), kind: TrackKind });
export type RoomTrack = z.infer<typeof RoomTrack>;

/**
 * What the Room says is on air: `publication` changes each time the performer (re)publishes,
 * so viewers know to pull again; null and no tracks when nothing is on air.
 */
export const RoomMedia = z.object({ publication: z.string().nullable(), tracks: z.array(RoomTrack) });
export type RoomMedia = z.infer<typeof RoomMedia>;
export const NO_MEDIA: RoomMedia = { publication: null, tracks: [] };

export const PublishBody = z.object({
  offer: Offer,
  /** The page's sendonly transceivers: at most one audio and one video. */
  tracks: z
    .array(z.object({ mid: Mid, kind: TrackKind }))
    .min(1)
    .max(2),
});
export type PublishBody = z.infer<typeof PublishBody>;

export const MediaTrack = z.object({ mid: Mid, kind: TrackKind, name: z.string() });
export type MediaTrack = z.infer<typeof MediaTrack>;

export const PublishResponse = z.object({
  sessionId: z.string(),
  token: MediaToken,
  answer: Answer,
  tracks: z.array(MediaTrack),
  publication: z.string(),
});
export type PublishResponse = z.infer<typeof PublishResponse>;

export const WatchBody = z.object({ layer: Layer.optional() });
export type WatchBody = z.infer<typeof WatchBody>;

export const WatchResponse = z.object({
  sessionId: z.string(),
  token: MediaToken,
  /** The SFU's offer for the pulled tracks; answer it with `renegotiate`. */
  offer: Offer,
  tracks: z.array(MediaTrack),
  publication: z.string(),
});
export type WatchResponse = z.infer<typeof WatchResponse>;

export const RenegotiateBody = z.object({ token: MediaToken, answer: Answer });
/** Which pulled video track (its mid on the page, its room track name) goes to which layer. */
export const LayerBody = z.object({ token: MediaToken, layer: Layer, mid: Mid, track: z.string().min(1).max(64) });
/** The page's mids to close (its transceivers); the publisher's close also takes the room off air. */
export const CloseBody = z.object({ token: MediaToken, mids: z.array(Mid).max(4) });

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const IceServers = z.object({ iceServers: z.array(IceServer) });
export type IceServers = z.infer<typeof IceServers>;

/**
 * Cam-to-cam in a private show: the paying viewer publishes with `PublishBody` (answered with a
 * `PublishResponse`), and only the show's performer pulls it (answered with a `WatchResponse`; the page
 * answers the offer with `renegotiate` as for the room's video).
 */
export const CamPath = z.object({ handle: z.string().min(1).max(40), showId: z.string().min(1).max(64) });
