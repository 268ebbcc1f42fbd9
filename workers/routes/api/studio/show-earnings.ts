import { createRoute } from '@hono/zod-openapi';
import { ShowEarningsResponse } from '../../../../wire/show-earnings.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { moneyConfig } from '../../../money/config.ts';
import { errors, json } from '../../../openapi.ts';
import { showEarningsOf } from '../../../shows/show-earnings.ts';

/** /api/studio/shows/earnings: the earnings page's list of paid shows, beside the tips. */
export const studioShowEarnings = router().openapi(
  createRoute({
    method: 'get',
    path: '/shows/earnings',
    tags: ['Studio'],
    summary: 'Your paid shows: date, kind, viewer (unless anonymous), minutes and tokens earned, latest first',
    responses: {
      200: json(ShowEarningsResponse, 'Shows and their totals'),
      ...errors([401, 'Not signed in'], [403, 'Not a performer']),
    },
  }),
  async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json(await showEarningsOf(c.env.DB, performer.id, moneyConfig(c.env).platformFeePercent), 200);
  },
);
