import { createRoute } from '@hono/zod-openapi';
import { CancelFanClubResult, FanClubView, JoinFanClubBody, JoinFanClubResult } from '../../../wire/fan-club.ts';
import { router } from '../../app.ts';
import { hitRateLimit } from '../../auth/rate-limit.ts';
import { currentUser } from '../../auth/session.ts';
import { cancelMembership, joinClub } from '../../fan-club/join.ts';
import { tellRoomOfMembership } from '../../fan-club/room-notice.ts';
import { clubView } from '../../fan-club/views.ts';
import { errors, HandleParam, json, jsonBody } from '../../openapi.ts';
import { findVisiblePerformer } from '../../performers/visible.ts';

const tags = ['Fan clubs'];
/** Joins and cancels per person per minute: generous for a person, a wall for a script. */
const WRITES = { limit: 20, windowMs: 60_000 };

const route = {
  view: createRoute({
    method: 'get',
    path: '/{handle}/fan-club',
    tags,
    summary: "A performer's fan club (price, perks) and, when signed in, your membership",
    request: { params: HandleParam },
    responses: { 200: json(FanClubView, 'The club'), ...errors([404, 'No such performer']) },
  }),
  join: createRoute({
    method: 'post',
    path: '/{handle}/fan-club/join',
    tags,
    summary:
      'Join (or rejoin) a fan club: the first 30 days are charged at once; renews every 30 days. ' +
      'A resend with the same idempotency key answers the first result; an active member is charged nothing.',
    request: { params: HandleParam, body: jsonBody(JoinFanClubBody) },
    responses: {
      200: json(JoinFanClubResult, 'The membership'),
      ...errors(
        [400, 'Invalid input'],
        [401, 'Not signed in'],
        [403, 'EMAIL_UNVERIFIED: verify your email first; WALLET_FROZEN: the wallet is frozen'],
        [404, 'No such performer'],
        [
          409,
          'FAN_CLUB_CLOSED: the club is off; OWN_FAN_CLUB: your own club; INSUFFICIENT_FUNDS; IDEMPOTENCY_CONFLICT',
        ],
        [429, 'Too many requests'],
      ),
    },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/{handle}/fan-club/cancel',
    tags,
    summary: 'Cancel your membership: it stops renewing and lasts to the end of the paid period (twice: the same)',
    request: { params: HandleParam },
    responses: {
      200: json(CancelFanClubResult, 'The membership'),
      ...errors([401, 'Not signed in'], [404, 'No such performer or no membership'], [429, 'Too many requests']),
    },
  }),
};

/** /api/performers/{handle}/fan-club: the viewer's side of a performer's fan club. */
export const fanClub = router()
  .openapi(route.view, async (c) => {
    const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
    return c.json(await clubView(c.env, performer, c.get('session')?.user.id ?? null), 200);
  })
  .openapi(route.join, async (c) => {
    const member = currentUser(c);
    await hitRateLimit(c, [`fan-club:user:${member.id}`], WRITES);
    const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
    const joined = await joinClub(c.env, performer, member, c.req.valid('json').idempotencyKey);
    // Before the answer: the page that joined sees its badge on its very next chat line.
    await tellRoomOfMembership(c.env, performer.user, member.id);
    return c.json(joined, 200);
  })
  .openapi(route.cancel, async (c) => {
    const member = currentUser(c);
    await hitRateLimit(c, [`fan-club:user:${member.id}`], WRITES);
    const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
    const membership = await cancelMembership(c.env, performer, member);
    await tellRoomOfMembership(c.env, performer.user, member.id);
    return c.json({ membership }, 200);
  });
