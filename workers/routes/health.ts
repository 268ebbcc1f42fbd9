import { createRoute, z } from '@hono/zod-openapi';
import { router } from '../app.ts';
import { json } from '../openapi.ts';

export const health = router();

const Health = z.object({ status: z.literal('ok'), environment: z.string(), time: z.string() });

health.openapi(
  createRoute({ method: 'get', path: '/', tags: ['Operations'], summary: 'Liveness check', responses: { 200: json(Health, 'The Worker is up') } }),
  (c) => c.json({ status: 'ok' as const, environment: c.env.ENVIRONMENT, time: new Date().toISOString() }, 200),
);
