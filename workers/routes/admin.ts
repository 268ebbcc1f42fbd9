import { Hono } from 'hono';
import { devAccessCookie } from '../access/dev-access.ts';
import { ACCESS_HEADER, verifyAccessToken } from '../access/verify.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { standInsEnabled } from '../stand-ins.ts';

/**
 * The admin dashboard's HTML is served only after the same Access check as the admin API. In
 * the local stack an unauthenticated visit goes to the local Access sign-in page, as the real
 * Access edge would send the browser to the team's login.
 */
export const adminPages = new Hono<AppEnv>();

adminPages.get('*', async (c) => {
  const token = c.req.header(ACCESS_HEADER) ?? devAccessCookie(c);
  const verified = token ? await verifyAccessToken(c.env, token).catch(() => undefined) : undefined;
  if (!verified) {
    if (standInsEnabled(c.env)) return c.redirect(`/dev/access?redirect=${encodeURIComponent(c.req.path)}`, 302);
    throw new ApiError(403, 'ACCESS_DENIED', 'The admin area needs a Cloudflare Access sign-in');
  }
  const page = await c.env.ASSETS.fetch(new URL('/', c.req.url));
  const response = new Response(page.body, page);
  response.headers.set('Cache-Control', 'no-store');
  return response;
});
