import { createRoute } from '@hono/zod-openapi';
import { MyMemberships } from '../../../../wire/fan-club.ts';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { myMemberships } from '../../../fan-club/views.ts';
import { errors, json } from '../../../openapi.ts';

export const meFanClubs = router().openapi(
  createRoute({
    method: 'get',
    path: '/fan-clubs',
    tags: ['Fan clubs'],
    summary: 'Your fan-club memberships (current, cancelled and lapsed), newest first',
    responses: { 200: json(MyMemberships, 'Memberships'), ...errors([401, 'Not signed in']) },
  }),
  async (c) => c.json({ memberships: await myMemberships(c.env, currentUser(c).id) }, 200),
);
