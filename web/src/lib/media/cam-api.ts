import type { PublishResponse, WatchResponse } from '../../../../wire/media.ts';
import { call, client } from '../api-client.ts';

/**
 * Cam-to-cam's media routes (workers/routes/api/show-cam.ts): the private viewer publishes their camera, the
 * show's performer pulls it. Renegotiate and close are the live routes' (media-api.ts).
 */
const cam = client.live[':handle'].shows[':showId'].cam;
const path = (handle: string, showId: string) => ({
  handle: encodeURIComponent(handle),
  showId: encodeURIComponent(showId),
});

export function publishCam(
  handle: string,
  showId: string,
  offer: RTCSessionDescriptionInit,
  tracks: { mid: string; kind: 'audio' | 'video' }[],
): Promise<PublishResponse> {
  return call(
    cam.publish.$post({
      param: path(handle, showId),
      json: { offer: { type: 'offer', sdp: offer.sdp ?? '' }, tracks },
    }),
  );
}

export function watchCam(handle: string, showId: string): Promise<WatchResponse> {
  return call(cam.watch.$post({ param: path(handle, showId) }));
}
