import { createRoute, z } from '@hono/zod-openapi';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { errors, json } from '../../../openapi.ts';
import { warningsOf } from '../../../safety/warnings.ts';

const Warnings = z.object({ warnings: z.array(z.object({ message: z.string(), createdAt: z.string() })) });

/** Warnings the platform sent you (after a report), newest first. */
export const meWarnings = router().openapi(
  createRoute({
    method: 'get',
    path: '/warnings',
    tags: ['Account'],
    summary: 'Warnings from the Encore team about your conduct',
    responses: { 200: json(Warnings, 'Your warnings'), ...errors([401, 'Not signed in']) },
  }),
  async (c) => c.json({ warnings: await warningsOf(c.env.DB, currentUser(c).id) }, 200),
);
