import { createRoute } from '@hono/zod-openapi';
import { MeResponse } from '../../../../wire/account.ts';
import { FollowingResponse } from '../../../../wire/profile.ts';
import { toMe } from '../../../accounts/users.ts';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { database } from '../../../db/index.ts';
import { errors, json } from '../../../openapi.ts';
import { followedPerformers } from '../../../performers/follows.ts';
import { isRequestBlocked } from '../../../safety/geo.ts';
import { meAccountProfile } from './account-profile.ts';
import { meFanClubs } from './fan-clubs.ts';
import { meNotifications } from './notifications.ts';
import { meWarnings } from './warnings.ts';

const tags = ['Accounts'];

export const me = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The signed-in account',
      responses: { 200: json(MeResponse, 'You'), ...errors([401, 'Not signed in']) },
    }),
    (c) => c.json({ user: toMe(currentUser(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/following',
      tags,
      summary: 'Performers you follow',
      responses: {
        200: json(FollowingResponse, 'Followed performers: those live now first, then oldest follow first'),
        ...errors([401, 'Not signed in']),
      },
    }),
    async (c) =>
      c.json(
        {
          performers: await followedPerformers(database(c.env), currentUser(c).id, (blocked) =>
            isRequestBlocked(blocked, c.req.raw, c.env),
          ),
        },
        200,
      ),
  )
  .route('/', meAccountProfile)
  .route('/', meWarnings)
  .route('/', meNotifications)
  .route('/', meFanClubs);
