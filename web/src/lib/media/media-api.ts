import type { Layer, PublishResponse, WatchResponse } from '../../../../wire/media.ts';
import { call, client } from '../api-client.ts';

/** The Worker's media routes (workers/routes/media-sessions.ts); the SFU is never called directly. */
const base = (handle: string) => ({ handle: encodeURIComponent(handle) });
const session = (handle: string, sessionId: string) => ({ ...base(handle), sessionId: encodeURIComponent(sessionId) });
const sessions = client.live[':handle'].sessions[':sessionId'];

export async function iceServers(): Promise<RTCIceServer[]> {
  return (await call(client.live['ice-servers'].$get())).iceServers;
}

export function publish(
  handle: string,
  offer: RTCSessionDescriptionInit,
  tracks: { mid: string; kind: 'audio' | 'video' }[],
): Promise<PublishResponse> {
  return call(
    client.live[':handle'].publish.$post({
      param: base(handle),
      json: { offer: { type: 'offer', sdp: offer.sdp ?? '' }, tracks },
    }),
  );
}

export function watch(handle: string, layer: Layer): Promise<WatchResponse> {
  return call(client.live[':handle'].watch.$post({ param: base(handle), json: { layer } }));
}

export function renegotiate(
  handle: string,
  sessionId: string,
  token: string,
  answer: RTCSessionDescriptionInit,
): Promise<void> {
  return call(
    sessions.renegotiate.$put({
      param: session(handle, sessionId),
      json: { token, answer: { type: 'answer', sdp: answer.sdp ?? '' } },
    }),
  );
}

export function switchLayer(
  handle: string,
  sessionId: string,
  token: string,
  mid: string,
  track: string,
  layer: Layer,
): Promise<void> {
  return call(sessions.layer.$put({ param: session(handle, sessionId), json: { token, layer, mid, track } }));
}

/** Best effort: the page may be going away, and the SFU drops idle sessions on its own. */
export function closeSession(handle: string, sessionId: string, token: string, mids: string[]): Promise<void> {
  return call(sessions.close.$post({ param: session(handle, sessionId), json: { token, mids } })).catch(
    () => undefined,
  );
}
