import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { GoLiveBody, LiveState, ShowSummaryResponse } from '../../../../wire/live.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { database } from '../../../db/index.ts';
import type { User } from '../../../db/schema.ts';
import type { AppEnv } from '../../../env.ts';
import { requireApprovedPerformer } from '../../../kyc/gate.ts';
import { later } from '../../../later.ts';
import { log } from '../../../log.ts';
import { announceGoLive } from '../../../notifications/go-live.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { findPerformer } from '../../../performers/profile.ts';
import { pictureUrl } from '../../../pictures/store.ts';
import { roomStub, unwrapRoom } from '../../../rooms/room-stub.ts';
import { showSummary } from '../../../rooms/show-summary.ts';

const tags = ['Studio'];

function ownRoom(c: Context<AppEnv>, performer: User) {
  return { stub: roomStub(c.env, performer.handle), owner: { handle: performer.handle, performerId: performer.id } };
}

/** The contracts (listed in /api/openapi.json); the handlers follow in the router. */
const route = {
  liveState: createRoute({
    method: 'get',
    path: '/live',
    tags,
    summary: 'Whether your room is live',
    responses: { 200: json(LiveState, 'The live state'), ...errors([401, 'Not signed in'], [403, 'Not a performer']) },
  }),
  goLive: createRoute({
    method: 'post',
    path: '/live',
    tags,
    summary: 'Go live with a title and tags (or change them while live)',
    request: { body: jsonBody(GoLiveBody) },
    responses: {
      200: json(LiveState, 'Live'),
      ...errors(
        [400, 'Invalid title or tags'],
        [401, 'Not signed in'],
        [403, 'Not a performer, or identity not verified'],
      ),
    },
  }),
  goOffline: createRoute({
    method: 'delete',
    path: '/live',
    tags,
    summary: 'End the live show',
    responses: { 200: json(LiveState, 'Offline'), ...errors([401, 'Not signed in'], [403, 'Not a performer']) },
  }),
  lastShow: createRoute({
    method: 'get',
    path: '/live/summary',
    tags,
    summary: 'The summary of your last show: duration, peak viewers, tips and tokens, new followers',
    responses: {
      200: json(ShowSummaryResponse, 'The last show (null before the first one ends)'),
      ...errors([401, 'Not signed in'], [403, 'Not a performer']),
    },
  }),
};

/** The performer's live switch. The Room holds the state; the directory row follows it. */
export const studioLive = router()
  .openapi(route.liveState, async (c) => c.json(await ownRoom(c, requireRole(c, 'performer')).stub.liveState(), 200))
  .openapi(route.goLive, async (c) => {
    const performer = await requireApprovedPerformer(c);
    const { title, tags: showTags } = c.req.valid('json');
    const { stub, owner } = ownRoom(c, performer);
    const state = unwrapRoom(await stub.goLive(owner, title, showTags));
    // Followers are told through the queue (workers/notifications/); a title change announces the same show
    // again, which the consumer recognises. Not awaited by the answer: going live never waits on fan-out.
    await later(c, announce(c, performer, state));
    return c.json(state, 200);
  })
  .openapi(route.goOffline, async (c) => {
    const { stub, owner } = ownRoom(c, requireRole(c, 'performer'));
    return c.json(await stub.goOffline(owner), 200);
  })
  .openapi(route.lastShow, async (c) => {
    const performer = requireRole(c, 'performer');
    const ended = await ownRoom(c, performer).stub.lastShow();
    const summary = ended ? await showSummary(database(c.env), performer.id, ended) : null;
    return c.json({ summary }, 200);
  });

async function announce(c: Context<AppEnv>, performer: User, state: LiveState): Promise<void> {
  if (!state.startedAt) return;
  try {
    const { profile } = await findPerformer(database(c.env), performer.handle);
    const origin = new URL(c.req.url).origin;
    const avatar = pictureUrl(profile.avatarKey);
    await announceGoLive(c.env, {
      performerId: performer.id,
      handle: performer.handle,
      displayName: performer.displayName,
      avatarUrl: avatar ? origin + avatar : null,
      showId: `${performer.id}:${Date.parse(state.startedAt)}`,
      title: state.title,
      origin,
    });
  } catch (error) {
    log('error', 'notifications.announce_failed', { performer: performer.handle, error: String(error) });
  }
}
