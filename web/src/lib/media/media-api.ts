import type { IceServers, Layer, PublishResponse, WatchResponse } from '../../../../wire/media.ts';
import { api } from '../api.ts';

/** The Worker's media routes (workers/routes/media-sessions.ts); the SFU is never called directly. */
const base = (handle: string) => `/api/live/${encodeURIComponent(handle)}`;
const session = (handle: string, sessionId: string) => `${base(handle)}/sessions/${encodeURIComponent(sessionId)}`;

export async function iceServers(): Promise<RTCIceServer[]> {
  return (await api<IceServers>('GET', '/api/live/ice-servers')).iceServers;
}

export function publish(
  handle: string,
  offer: RTCSessionDescriptionInit,
  tracks: { mid: string; kind: 'audio' | 'video' }[],
): Promise<PublishResponse> {
  return api<PublishResponse>('POST', `${base(handle)}/publish`, { offer: { type: 'offer', sdp: offer.sdp }, tracks });
}

export function watch(handle: string, layer: Layer): Promise<WatchResponse> {
  return api<WatchResponse>('POST', `${base(handle)}/watch`, { layer });
}

export function renegotiate(
  handle: string,
  sessionId: string,
  token: string,
  answer: RTCSessionDescriptionInit,
): Promise<void> {
  return api<void>('PUT', `${session(handle, sessionId)}/renegotiate`, {
    token,
    answer: { type: 'answer', sdp: answer.sdp },
  });
}

export function switchLayer(
  handle: string,
  sessionId: string,
  token: string,
  mid: string,
  track: string,
  layer: Layer,
): Promise<void> {
  return api<void>('PUT', `${session(handle, sessionId)}/layer`, { token, layer, mid, track });
}

/** Best effort: the page may be going away, and the SFU drops idle sessions on its own. */
export function closeSession(handle: string, sessionId: string, token: string, mids: string[]): Promise<void> {
  return api<void>('POST', `${session(handle, sessionId)}/close`, { token, mids }).catch(() => undefined);
}
