import { createRoute } from '@hono/zod-openapi';
import { CamPath, type MediaTrack, PublishBody, PublishResponse, WatchResponse } from '../../../wire/media.ts';
import { router } from '../../app.ts';
import { currentUser } from '../../auth/session.ts';
import { ApiError } from '../../errors.ts';
import { errors, json, jsonBody } from '../../openapi.ts';
import { CallsClient } from '../../realtime/calls-client.ts';
import { realtimeConfig } from '../../realtime/config.ts';
import { countHandshake } from '../../realtime/handshake-limit.ts';
import { grantToken } from '../../realtime/media-token.ts';
import { roomStub, unwrapRoom } from '../../rooms/room-stub.ts';

const tags = ['Live video'];

const route = {
  publish: createRoute({
    method: 'post',
    path: '/{handle}/shows/{showId}/cam/publish',
    tags,
    summary: 'Cam-to-cam: the private show’s viewer publishes their camera and microphone for the performer',
    request: { params: CamPath, body: jsonBody(PublishBody) },
    responses: {
      201: json(PublishResponse, 'The SFU’s answer and the published tracks'),
      ...errors(
        [400, 'Bad offer or tracks'],
        [401, 'Not signed in'],
        [403, 'Not this show’s paying viewer, or cam-to-cam is not offered in it'],
        [404, 'No such show running'],
        [429, 'Too many requests'],
        [502, 'The SFU refused a track'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
  watch: createRoute({
    method: 'post',
    path: '/{handle}/shows/{showId}/cam/watch',
    tags,
    summary: 'Cam-to-cam: the show’s performer pulls the viewer’s camera (the SFU’s offer; answer with renegotiate)',
    request: { params: CamPath },
    responses: {
      201: json(WatchResponse, 'The SFU’s offer for the viewer’s tracks'),
      ...errors(
        [403, 'Not this show’s performer'],
        [404, 'No such show running (NOT_FOUND), or the viewer’s camera is off (CAM_OFF)'],
        [429, 'Too many requests'],
        [502, 'The SFU refused a track'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
};

/**
 * Cam-to-cam media (the Room decides who: durable-objects/shows/show-cam.ts). The viewer's camera goes
 * through the same SFU path as the performer's; the sessions' later calls (renegotiate, close) are the live
 * routes', with a `cam-publisher` or `cam-viewer` grant.
 */
export const showCam = router()
  .openapi(route.publish, async (c) => {
    const user = currentUser(c);
    const { handle: asked, showId } = c.req.valid('param');
    const handle = asked.toLowerCase();
    const room = roomStub(c.env, handle);
    // Asked before the SFU is touched: someone else costs nothing but this call.
    unwrapRoom(await room.camMayPublish(user.id, showId));
    await countHandshake(c);
    const { offer, tracks } = c.req.valid('json');
    const calls = new CallsClient(realtimeConfig(c.env));
    const publication = crypto.randomUUID().slice(0, 8);
    const named: MediaTrack[] = tracks.map((t) => ({ mid: t.mid, kind: t.kind, name: `cam-${t.kind}-${publication}` }));
    const sessionId = await calls.newSession();
    const result = await calls.addTracks(
      sessionId,
      named.map((t) => ({ location: 'local', mid: t.mid, trackName: t.name })),
      offer,
    );
    if (result.description?.type !== 'answer')
      throw new ApiError(502, 'MEDIA_REFUSED', 'The media server did not answer the camera’s offer');
    const kept = await room.camPublished(user.id, showId, { sessionId, publication, tracks: named });
    // The show or the seat ended while the SFU was setting up: nobody may see this camera.
    if (!kept.ok)
      await calls
        .closeTracks(
          sessionId,
          named.map((t) => t.mid),
        )
        .catch(() => undefined);
    unwrapRoom(kept);
    const token = await grantToken(c.env.SESSION_SECRET, { sessionId, handle, role: 'cam-publisher', userId: user.id });
    const answer = { type: 'answer' as const, sdp: result.description.sdp };
    return c.json({ sessionId, token, answer, tracks: named, publication }, 201);
  })
  .openapi(route.watch, async (c) => {
    const userId = c.get('session')?.user.id ?? null;
    const { handle: asked, showId } = c.req.valid('param');
    const handle = asked.toLowerCase();
    const room = roomStub(c.env, handle);
    const publisher = unwrapRoom(await room.camMayPull(userId, showId));
    await countHandshake(c);
    const calls = new CallsClient(realtimeConfig(c.env));
    const sessionId = await calls.newSession();
    const result = await calls.addTracks(
      sessionId,
      publisher.tracks.map((t) => ({ location: 'remote', sessionId: publisher.sessionId, trackName: t.name })),
    );
    if (result.description?.type !== 'offer')
      throw new ApiError(502, 'MEDIA_REFUSED', 'The media server did not offer the viewer’s camera');
    const tracks = publisher.tracks.map((t) => {
      const mid = result.tracks.find((r) => r.trackName === t.name)?.mid;
      if (!mid) throw new ApiError(502, 'MEDIA_REFUSED', `The media server did not place the track ${t.name}`);
      return { mid, kind: t.kind, name: t.name };
    });
    const mids = tracks.map((t) => t.mid);
    // userId is the performer here (camMayPull said so).
    const kept = await room.camPulling({ sessionId, showId, userId: userId!, mids }, publisher.publication);
    if (!kept.ok) await calls.closeTracks(sessionId, mids).catch(() => undefined);
    unwrapRoom(kept);
    const token = await grantToken(c.env.SESSION_SECRET, { sessionId, handle, role: 'cam-viewer', userId });
    const offer = { type: 'offer' as const, sdp: result.description.sdp };
    return c.json({ sessionId, token, offer, tracks, publication: publisher.publication }, 201);
  });
