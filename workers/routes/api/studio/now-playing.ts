import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  NewNowPlayingTokenBody,
  NewNowPlayingTokenResponse,
  NowPlayingFeedResponse,
  NowPlayingResponse,
  NowPlayingTokensResponse,
  TrackInput,
  type TrackSource,
} from '../../../../wire/music.ts';
import { router } from '../../../app.ts';
import { clientIp, hitRateLimit } from '../../../auth/rate-limit.ts';
import { requireRole } from '../../../auth/session.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { createToken, listTokens, revokeToken, tokenHolder } from '../../../music/now-playing-tokens.ts';
import { errors, json, jsonBody, noContent } from '../../../openapi.ts';
import { roomStub, unwrapRoom } from '../../../rooms/room-stub.ts';

const tags = ['Studio'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;
/** Posts per minute per token (or per signed-in performer): a DJ loads a track every minute or two at most. */
export const NOW_PLAYING_POSTS_PER_MINUTE = 30;
/** Refused tokens per minute from one network before it is answered 429 instead. */
const WRONG_TOKENS_PER_MINUTE = 20;

/** The signed-in performer's own room. */
function ownRoom(c: Context<AppEnv>) {
  const performer = requireRole(c, 'performer');
  return { stub: roomStub(c.env, performer.handle), owner: { handle: performer.handle, performerId: performer.id } };
}

/**
 * Who is posting: a now-playing token (`Authorization: Bearer`, the companion) or else the session cookie
 * (the studio page). A request carrying a token is judged by the token alone.
 */
async function poster(
  c: Context<AppEnv>,
): Promise<{ owner: { handle: string; performerId: string }; source: TrackSource; limitKey: string }> {
  const authorization = c.req.header('Authorization');
  if (authorization === undefined) {
    const { owner } = ownRoom(c);
    return { owner, source: 'studio', limitKey: `now-playing:user:${owner.performerId}` };
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Send the token as "Authorization: Bearer <token>"');
  const holder = await tokenHolder(c.env, token).catch(async (error: unknown) => {
    // Wrong tokens are counted per network, so guessing costs a 429 long before it could find anything.
    if (error instanceof ApiError && error.status === 401)
      await hitRateLimit(c, [`now-playing:refused:${clientIp(c)}`], {
        limit: WRONG_TOKENS_PER_MINUTE,
        windowMs: 60_000,
      });
    throw error;
  });
  return {
    owner: { handle: holder.handle, performerId: holder.performerId },
    source: 'companion',
    limitKey: `now-playing:token:${holder.tokenId}`,
  };
}

const TokenParam = z.object({ id: z.string().min(1).max(64) });

const route = {
  post: createRoute({
    method: 'post',
    path: '/now-playing',
    tags,
    summary: 'Say what is playing now (the room sees it at once; a repeat of the current track changes nothing)',
    description:
      'Signed in as the performer, or with a now-playing token made in the studio: `Authorization: Bearer ' +
      '<token>` (the companion command, `npm run nowplaying`). A token is good for this route only. ' +
      `At most ${NOW_PLAYING_POSTS_PER_MINUTE} posts a minute per token (429 \`RATE_LIMITED\` with \`Retry-After\`).`,
    request: { body: jsonBody(TrackInput) },
    responses: {
      200: json(NowPlayingResponse, 'The room’s now-playing feed, and whether this was a repeat'),
      ...errors(
        [400, 'Invalid track'],
        [401, 'Not signed in, or a wrong or revoked token'],
        [403, 'Not a performer, or the account is suspended'],
        [429, 'Too many posts'],
      ),
    },
  }),
  feed: createRoute({
    method: 'get',
    path: '/now-playing',
    tags,
    summary: 'What your room shows as playing now, and the tracks before it',
    responses: { 200: json(NowPlayingFeedResponse, 'The now-playing feed'), ...errors(...notPerformer) },
  }),
  clear: createRoute({
    method: 'delete',
    path: '/now-playing',
    tags,
    summary: 'Nothing is playing now (the track joins the recent ones)',
    responses: { 200: json(NowPlayingFeedResponse, 'The now-playing feed'), ...errors(...notPerformer) },
  }),
  tokens: createRoute({
    method: 'get',
    path: '/now-playing/tokens',
    tags,
    summary: 'Your now-playing tokens (not revoked), with their last use',
    responses: { 200: json(NowPlayingTokensResponse, 'The tokens'), ...errors(...notPerformer) },
  }),
  newToken: createRoute({
    method: 'post',
    path: '/now-playing/tokens',
    tags,
    summary: 'Make a now-playing token: the answer holds the token itself, shown this once',
    request: { body: jsonBody(NewNowPlayingTokenBody) },
    responses: {
      201: json(NewNowPlayingTokenResponse, 'The token, and its secret'),
      ...errors([400, 'Invalid name'], ...notPerformer, [409, 'Too many tokens']),
    },
  }),
  revokeToken: createRoute({
    method: 'delete',
    path: '/now-playing/tokens/{id}',
    tags,
    summary: 'Revoke a now-playing token: it is refused from now on',
    request: { params: TokenParam },
    responses: { ...noContent, ...errors(...notPerformer, [404, 'No such token of yours']) },
  }),
};

/** Now playing: posted by the studio page or the DJ's companion command; the tokens the companion uses. */
export const studioNowPlaying = router()
  .openapi(route.post, async (c) => {
    const { owner, source, limitKey } = await poster(c);
    await hitRateLimit(c, [limitKey], { limit: NOW_PLAYING_POSTS_PER_MINUTE, windowMs: 60_000 });
    const answer = unwrapRoom(await roomStub(c.env, owner.handle).setNowPlaying(owner, c.req.valid('json'), source));
    return c.json(answer, 200);
  })
  .openapi(route.feed, async (c) => c.json({ nowPlaying: await ownRoom(c).stub.nowPlaying() }, 200))
  .openapi(route.clear, async (c) => {
    const { stub, owner } = ownRoom(c);
    return c.json({ nowPlaying: await stub.clearNowPlaying(owner) }, 200);
  })
  .openapi(route.tokens, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ tokens: await listTokens(c.env, performer.id) }, 200);
  })
  .openapi(route.newToken, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json(await createToken(c.env, performer.id, c.req.valid('json').name), 201);
  })
  .openapi(route.revokeToken, async (c) => {
    const performer = requireRole(c, 'performer');
    await revokeToken(c.env, performer.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
