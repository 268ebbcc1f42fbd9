import { createRoute } from '@hono/zod-openapi';
import { Figures, FiguresQuery } from '../../../../wire/admin-figures.ts';
import { router } from '../../../app.ts';
import { platformFigures } from '../../../figures/platform-figures.ts';
import { json } from '../../../openapi.ts';

/** Platform figures for the dashboard: now, today (UTC) and one point per day. Aggregates only, not audited. */
export const adminFigures = router().openapi(
  createRoute({
    method: 'get',
    path: '/figures',
    tags: ['Admin'],
    summary: 'Live rooms, viewers, tips, purchases, fees, sign-ups and the KYC backlog, with daily series',
    request: { query: FiguresQuery },
    responses: { 200: json(Figures, 'The figures') },
  }),
  async (c) => c.json(await platformFigures(c.env.DB, c.req.valid('query').days), 200),
);
