import { z } from 'zod';

/**
 * What the Realtime SFU's HTTPS API answers, as far as Encore reads it (the 2024-05-21 API:
 * sessions/new, tracks/new, renegotiate, tracks/update, tracks/close, GET session). Parsed
 * loosely (unknown fields pass), strictly where we depend on a field.
 */
export const SessionDescription = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string() });
export type SessionDescription = z.infer<typeof SessionDescription>;

/** Any answer may carry an error for the whole call, and each track one of its own. */
const Failure = { errorCode: z.string().optional(), errorDescription: z.string().optional() };

export const TrackResult = z.looseObject({
  location: z.enum(['local', 'remote']).optional(),
  mid: z.string().optional(),
  trackName: z.string().optional(),
  sessionId: z.string().optional(),
  status: z.string().optional(),
  ...Failure,
});
export type TrackResult = z.infer<typeof TrackResult>;

export const NewSession = z.looseObject({
  sessionId: z.string().min(1),
  sessionDescription: SessionDescription.optional(),
  ...Failure,
});

export const TracksAnswer = z.looseObject({
  requiresImmediateRenegotiation: z.boolean().optional(),
  sessionDescription: SessionDescription.optional(),
  tracks: z.array(TrackResult).optional(),
  ...Failure,
});
export type TracksAnswer = z.infer<typeof TracksAnswer>;

export const PlainAnswer = z.looseObject({ ...Failure });

export const SessionState = z.looseObject({ tracks: z.array(TrackResult).optional(), ...Failure });
export type SessionState = z.infer<typeof SessionState>;

export const TurnAnswer = z.looseObject({
  iceServers: z.union([
    z.array(
      z.object({
        urls: z.union([z.string(), z.array(z.string())]),
        username: z.string().optional(),
        credential: z.string().optional(),
      }),
    ),
    z.object({
      urls: z.union([z.string(), z.array(z.string())]),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ]),
});

/** What we ask for, per track: a local track (published from this session) or a remote one (pulled). */
export type LocalTrack = { location: 'local'; mid: string; trackName: string };
export type RemoteTrack = {
  location: 'remote';
  sessionId: string;
  trackName: string;
  mid?: string;
  simulcast?: { preferredRid: string };
};
export type TrackObject = LocalTrack | RemoteTrack;

/** Where the SFU is and how to sign in to it (read from the environment by config.ts). */
export type RealtimeConfig = {
  baseUrl: string;
  appId: string;
  secret: string;
  turn: { keyId: string; token: string } | null;
  local: boolean;
};
