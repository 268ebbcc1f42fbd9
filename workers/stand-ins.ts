import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { isProduction } from './env.ts';
import { ApiError } from './errors.ts';

/**
 * The local stand-ins (the Access sign-in page, the payment provider's pages, the bench routes)
 * mint sessions and Access tokens for anyone, so they need an explicit opt-in that only the local
 * stack sets: `LOCAL_STAND_INS=1`, passed by dev/start.ts (`--var`) and the worker tests' bindings,
 * never written in wrangler.toml. A deploy that forgot `--env production` therefore serves none of
 * them. Even opted in, they stay off where real services are configured: any Stripe key, or an
 * Access team on Cloudflare's own domain.
 */
type StandInVars = { LOCAL_STAND_INS?: string };

export function standInsEnabled(env: Env): boolean {
  if ((env as Env & StandInVars).LOCAL_STAND_INS !== '1' || isProduction(env)) return false;
  return !env.STRIPE_SECRET_KEY && !isCloudflareAccessTeam(env.ACCESS_TEAM_DOMAIN);
}

/** Access team domains are always `<team>.cloudflareaccess.com`; the stand-in's is this site's `/dev/access`. */
export function isCloudflareAccessTeam(teamDomain: string | undefined): boolean {
  if (!teamDomain) return false;
  try {
    const host = new URL(teamDomain).hostname;
    return host === 'cloudflareaccess.com' || host.endsWith('.cloudflareaccess.com');
  } catch {
    return false;
  }
}

/** Every /dev route sits behind this: 404, the same as a path that does not exist. */
export const requireStandIns: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!standInsEnabled(c.env)) throw new ApiError(404, 'NOT_FOUND', 'Not available here');
  await next();
};
