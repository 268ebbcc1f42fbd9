import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { DEV_ACCESS_COOKIE } from '../../access/dev-access.ts';
import { ACCESS_HEADER, verifyAccessToken } from '../../access/verify.ts';
import { router } from '../../app.ts';
import type { AppEnv } from '../../env.ts';
import { json } from '../../openapi.ts';
import { productionSettings } from '../../production-settings.ts';

const Health = z.object({
  status: z.literal('ok'),
  environment: z.string(),
  time: z.string(),
  /** Only for an Access-signed-in admin: the production settings this Worker lacks (README, Deploying). */
  settings: z.object({ missing: z.array(z.string()), recommended: z.array(z.string()) }).optional(),
});

export const health = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Operations'],
    summary: 'Liveness check; admins also see missing production settings',
    responses: { 200: json(Health, 'The Worker is up') },
  }),
  async (c) => {
    const body = { status: 'ok' as const, environment: c.env.ENVIRONMENT, time: new Date().toISOString() };
    return c.json((await isAdmin(c)) ? { ...body, settings: productionSettings(c.env) } : body, 200);
  },
);

/**
 * The same token check as the admin area, but a visitor without it simply gets the short answer. The
 * health check is not behind Access (monitors call it), so the browser's Access cookie (the same signed
 * token, `CF_Authorization`, set for the whole domain at the admin sign-in) counts too: this read-only
 * answer has nothing a cross-site request could abuse.
 */
async function isAdmin(c: Context<AppEnv>): Promise<boolean> {
  const token = c.req.header(ACCESS_HEADER) ?? getCookie(c, DEV_ACCESS_COOKIE);
  return token
    ? verifyAccessToken(c.env, token).then(
        () => true,
        () => false,
      )
    : false;
}
