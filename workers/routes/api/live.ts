import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Room } from '../../../durable-objects/room.ts';
import {
  CloseBody,
  IceServers,
  LayerBody,
  type MediaTrack,
  PublishBody,
  PublishResponse,
  RenegotiateBody,
  type RoomTrack,
  WatchBody,
  WatchResponse,
} from '../../../wire/media.ts';
import { router } from '../../app.ts';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../errors.ts';
import { requireApprovedPerformer } from '../../kyc/gate.ts';
import { errors, json, jsonBody, noContent } from '../../openapi.ts';
import { findVisiblePerformer } from '../../performers/visible.ts';
import { CallsClient } from '../../realtime/calls-client.ts';
import { realtimeConfig } from '../../realtime/config.ts';
import { countHandshake } from '../../realtime/handshake-limit.ts';
import { iceServers } from '../../realtime/ice-servers.ts';
import { grantToken, type MediaGrant, readToken } from '../../realtime/media-token.ts';
import { roomStub } from '../../rooms/room-stub.ts';
import { placeOf } from '../../safety/geo.ts';
import { recordVisit } from '../../safety/room-visits.ts';

const tags = ['Live video'];
const Handle = z.object({ handle: z.string().min(1).max(40) });
const SessionPath = Handle.extend({ sessionId: z.string().min(1).max(100) });

function roomOf(c: Context<AppEnv>, handle: string): DurableObjectStub<Room> {
  return roomStub(c.env, handle);
}

/** Each handshake counts against the person's (or address's) budget at the edge, never in D1. */
async function rateLimited(c: Context<AppEnv>): Promise<void> {
  await countHandshake(c);
}

/** The grant in `token`, if it was issued for this session, room and person. */
async function grantFor(c: Context<AppEnv>, token: string, handle: string, sessionId: string): Promise<MediaGrant> {
  const grant = await readToken(c.env.SESSION_SECRET, token);
  const userId = c.get('session')?.user.id ?? null;
  if (!grant || grant.sessionId !== sessionId || grant.handle !== handle.toLowerCase() || grant.userId !== userId) {
    throw new ApiError(403, 'FORBIDDEN', 'This media session is not yours; start watching again');
  }
  return grant;
}

/**
 * A viewer's grant is re-checked on every later call: the Room must still hold the session (a ban,
 * a suspension or a geo-block closes it and lets it go) and the viewer must not be banned.
 */
async function stillWatching(c: Context<AppEnv>, grant: MediaGrant): Promise<void> {
  // The performer's pull of a private viewer's camera (show-cam.ts): only while the Room still holds it.
  if (grant.role === 'cam-viewer' && !(await roomOf(c, grant.handle).camMayKeepPulling(grant.sessionId, grant.userId)))
    throw new ApiError(403, 'FORBIDDEN', 'The viewer’s camera is off');
  if (grant.role !== 'viewer') return;
  if (!(await roomOf(c, grant.handle).mayKeepWatching(grant.sessionId, grant.userId))) {
    throw new ApiError(403, 'FORBIDDEN', 'This video was stopped for you; open the room again');
  }
}

/** The contracts (listed in /api/openapi.json); the handlers follow in the router. */
const route = {
  iceServers: createRoute({
    method: 'get',
    path: '/ice-servers',
    tags,
    summary: 'STUN/TURN servers for a page’s peer connection',
    responses: {
      200: json(IceServers, 'ICE servers (none for the local dev SFU)'),
      ...errors([429, 'Too many requests'], [503, 'Live video is not set up']),
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/{handle}/publish',
    tags,
    summary: 'Publish your camera and microphone into your own room (you must be live)',
    request: { params: Handle, body: jsonBody(PublishBody) },
    responses: {
      201: json(PublishResponse, 'The SFU’s answer and the published tracks'),
      ...errors(
        [400, 'Bad offer or tracks'],
        [401, 'Not signed in'],
        [403, 'Not your room, or not verified'],
        [409, 'The show is not live'],
        [429, 'Too many requests'],
        [502, 'The SFU refused a track'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
  watch: createRoute({
    method: 'post',
    path: '/{handle}/watch',
    tags,
    summary: 'Start watching a live room: the SFU’s offer for the tracks on air',
    request: { params: Handle, body: jsonBody(WatchBody) },
    responses: {
      201: json(WatchResponse, 'The SFU’s offer; answer it with renegotiate'),
      ...errors(
        [403, 'Banned from this room, or a paid show is on that you are not in'],
        [404, 'No such room (NOT_FOUND), or nothing on air (NOT_LIVE)'],
        [429, 'Too many requests'],
        [502, 'The SFU refused a track'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
  renegotiate: createRoute({
    method: 'put',
    path: '/{handle}/sessions/{sessionId}/renegotiate',
    tags,
    summary: 'Send the page’s answer to the SFU’s offer',
    request: { params: SessionPath, body: jsonBody(RenegotiateBody) },
    responses: {
      ...noContent,
      ...errors(
        [400, 'Bad answer'],
        [403, 'Not your session, or its video was stopped (banned, suspended, blocked)'],
        [404, 'The session ended'],
        [502, 'The SFU refused the answer'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
  layer: createRoute({
    method: 'put',
    path: '/{handle}/sessions/{sessionId}/layer',
    tags,
    summary: 'Watch another simulcast layer (quality) of the room’s video',
    request: { params: SessionPath, body: jsonBody(LayerBody) },
    responses: {
      ...noContent,
      ...errors(
        [403, 'Not your session, or its video was stopped (banned, suspended, blocked)'],
        [409, 'That track is not on air'],
        [502, 'The SFU refused'],
        [503, 'Live video is unavailable'],
      ),
    },
  }),
  close: createRoute({
    method: 'post',
    path: '/{handle}/sessions/{sessionId}/close',
    tags,
    summary: 'Stop publishing or watching; a publisher’s close takes the room’s video off air',
    request: { params: SessionPath, body: jsonBody(CloseBody) },
    responses: { ...noContent, ...errors([403, 'Not your session'], [503, 'Live video is unavailable']) },
  }),
};

/**
 * Live video through the Realtime SFU, which only the Worker talks to (the app secret stays
 * here). The performer publishes into their own room; viewers pull what the Room says is on
 * air. Each handshake returns a token that later calls on that SFU session must present.
 */
export const live = router()
  .openapi(route.iceServers, async (c) => {
    const config = realtimeConfig(c.env);
    if (config.turn) await rateLimited(c);
    return c.json(await iceServers(config), 200);
  })
  .openapi(route.publish, async (c) => {
    const performer = await requireApprovedPerformer(c);
    const handle = c.req.valid('param').handle.toLowerCase();
    if (performer.handle !== handle) throw new ApiError(403, 'FORBIDDEN', 'You can only broadcast into your own room');
    await rateLimited(c);
    const { offer, tracks } = c.req.valid('json');
    const room = roomOf(c, handle);
    // A one-to-one session (wire/shows.ts) runs while not live: its performer publishes for that viewer only.
    if (!(await room.liveState()).live && !(await room.showSessionRunning()))
      throw new ApiError(409, 'NOT_LIVE', 'Go live first, then start the camera');
    const calls = new CallsClient(realtimeConfig(c.env));
    const publication = crypto.randomUUID().slice(0, 8);
    const named: MediaTrack[] = tracks.map((t) => ({ mid: t.mid, kind: t.kind, name: `${t.kind}-${publication}` }));
    const sessionId = await calls.newSession();
    const result = await calls.addTracks(
      sessionId,
      named.map((t) => ({ location: 'local', mid: t.mid, trackName: t.name })),
      offer,
    );
    if (result.description?.type !== 'answer')
      throw new ApiError(502, 'MEDIA_REFUSED', 'The media server did not answer the camera’s offer');
    const roomTracks: RoomTrack[] = named.map((t) => ({ name: t.name, kind: t.kind }));
    await room.startMedia(
      { handle, performerId: performer.id },
      { sessionId, publication, tracks: roomTracks, since: Date.now() },
    );
    const token = await grantToken(c.env.SESSION_SECRET, {
      sessionId,
      handle,
      role: 'publisher',
      userId: performer.id,
    });
    return c.json(
      {
        sessionId,
        token,
        answer: { type: 'answer' as const, sdp: result.description.sdp },
        tracks: named,
        publication,
      },
      201,
    );
  })
  .openapi(route.watch, async (c) => {
    const user = c.get('session')?.user;
    // A missing room touches neither the Room nor the SFU; an offline one costs no D1 write.
    const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
    const handle = performer.user.handle;
    const [{ banned, publisher }, show] = await Promise.all([
      roomOf(c, handle).mayWatch(user?.id ?? null),
      roomOf(c, handle).showMediaAccess(user?.id ?? null),
    ]);
    if (banned) throw new ApiError(403, 'FORBIDDEN', 'You are banned from this room');
    // A private or group show runs without you: the page shows its placeholder (the room's `shows` event).
    if (show === 'closed') throw new ApiError(403, 'FORBIDDEN', 'A paid show is on; the video is back when it ends');
    // 404: there is no stream to watch (pages ask before they know, so this is the common case).
    if (!publisher || publisher.tracks.length === 0)
      throw new ApiError(404, 'NOT_LIVE', `@${handle} is not on camera right now`);
    await rateLimited(c);
    const layer = c.req.valid('json').layer ?? 'h';
    const calls = new CallsClient(realtimeConfig(c.env));
    const sessionId = await calls.newSession();
    const result = await calls.addTracks(
      sessionId,
      publisher.tracks.map((t) => ({
        location: 'remote',
        sessionId: publisher.sessionId,
        trackName: t.name,
        ...(t.kind === 'video' ? { simulcast: { preferredRid: layer } } : {}),
      })),
    );
    if (result.description?.type !== 'offer')
      throw new ApiError(502, 'MEDIA_REFUSED', 'The media server did not offer the room’s tracks');
    const tracks = publisher.tracks.map((t) => {
      const mid = result.tracks.find((r) => r.trackName === t.name)?.mid;
      if (!mid) throw new ApiError(502, 'MEDIA_REFUSED', `The media server did not place the track ${t.name}`);
      return { mid, kind: t.kind, name: t.name };
    });
    const token = await grantToken(c.env.SESSION_SECRET, {
      sessionId,
      handle,
      role: 'viewer',
      userId: user?.id ?? null,
    });
    // The Room keeps the session so a ban, suspension or geo-block can close it; a suspension finds the room
    // by the visit.
    const viewer = {
      sessionId,
      userId: user?.id ?? null,
      ...placeOf(c.req.raw, c.env),
      mids: tracks.map((t) => t.mid),
    };
    const [kept] = await Promise.all([
      roomOf(c, handle).watching(viewer),
      user ? recordVisit(c.env, user.id, handle) : null,
    ]);
    // Banned while the SFU was setting up: the ban did not see this session, so close it here.
    if (!kept) {
      await calls.closeTracks(sessionId, viewer.mids).catch(() => undefined);
      throw new ApiError(403, 'FORBIDDEN', 'You are banned from this room');
    }
    return c.json(
      {
        sessionId,
        token,
        offer: { type: 'offer' as const, sdp: result.description.sdp },
        tracks,
        publication: publisher.publication,
      },
      201,
    );
  })
  .openapi(route.renegotiate, async (c) => {
    const { handle, sessionId } = c.req.valid('param');
    const { token, answer } = c.req.valid('json');
    await stillWatching(c, await grantFor(c, token, handle, sessionId));
    await new CallsClient(realtimeConfig(c.env)).renegotiate(sessionId, answer);
    return c.body(null, 204);
  })
  .openapi(route.layer, async (c) => {
    const { handle, sessionId } = c.req.valid('param');
    const { token, layer, mid, track } = c.req.valid('json');
    const grant = await grantFor(c, token, handle, sessionId);
    // A cam-to-cam session pulls one layer of the viewer's camera, never the room's tracks.
    if (grant.role !== 'viewer') throw new ApiError(403, 'FORBIDDEN', 'Only a viewer of the room switches its layer');
    await stillWatching(c, grant);
    const { publisher } = await roomOf(c, handle.toLowerCase()).mayWatch(null);
    if (!publisher?.tracks.some((t) => t.name === track && t.kind === 'video'))
      throw new ApiError(409, 'NOT_LIVE', 'That video is no longer on air');
    await new CallsClient(realtimeConfig(c.env)).updateTracks(sessionId, [
      { location: 'remote', sessionId: publisher.sessionId, trackName: track, mid, simulcast: { preferredRid: layer } },
    ]);
    return c.body(null, 204);
  })
  .openapi(route.close, async (c) => {
    const { handle, sessionId } = c.req.valid('param');
    const { token, mids } = c.req.valid('json');
    const grant = await grantFor(c, token, handle, sessionId);
    if (grant.role === 'publisher' && grant.userId)
      await roomOf(c, grant.handle).stopMedia({ handle: grant.handle, performerId: grant.userId }, sessionId);
    else if ((grant.role === 'cam-publisher' || grant.role === 'cam-viewer') && grant.userId)
      await roomOf(c, grant.handle).camClosed(grant.role, sessionId, grant.userId);
    else await roomOf(c, grant.handle).stoppedWatching(sessionId);
    try {
      await new CallsClient(realtimeConfig(c.env)).closeTracks(sessionId, mids);
    } catch (error) {
      // Already gone at the SFU: closing is done either way.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    return c.body(null, 204);
  });
