import type { MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import { adminEmails } from './allow-list.ts';
import { devAccessCookie } from './dev-access.ts';

/**
 * Cloudflare Access puts a signed JWT in `Cf-Access-Jwt-Assertion` on every request it lets
 * through. We verify it ourselves (defence in depth, and so a misrouted request cannot skip
 * Access): RS256 only, issuer pinned to the team domain, audience pinned to the application's
 * AUD tag, expiry checked, and the email on the admin allow-list. Keys come from the team's
 * JWKS; if they cannot be fetched, verification fails and nothing passes.
 */
export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';

const keySets = new Map<string, JWTVerifyGetKey>();

export function certsUrl(teamDomain: string): string {
  return `${teamDomain.replace(/\/+$/, '')}/cdn-cgi/access/certs`;
}

/** jose caches keys per set (refetching on an unknown `kid`), so keep one set per team. */
function keySetFor(teamDomain: string): JWTVerifyGetKey {
  let set = keySets.get(teamDomain);
  if (!set) {
    set = createRemoteJWKSet(new URL(certsUrl(teamDomain)), { timeoutDuration: 3000, cooldownDuration: 10_000 });
    keySets.set(teamDomain, set);
  }
  return set;
}

export async function verifyAccessToken(env: Env, token: string): Promise<string> {
  const teamDomain = env.ACCESS_TEAM_DOMAIN.replace(/\/+$/, '');
  const { payload } = await jwtVerify(token, keySetFor(teamDomain), {
    algorithms: ['RS256'],
    issuer: teamDomain,
    audience: env.ACCESS_AUD,
    requiredClaims: ['exp', 'email'],
  });
  const email = typeof payload.email === 'string' ? payload.email.toLowerCase() : '';
  if (!adminEmails(env).has(email)) throw new Error(`email ${email} is not on the admin allow-list`);
  return email;
}

export const requireAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.req.header(ACCESS_HEADER) ?? devAccessCookie(c);
  if (!token) throw new ApiError(401, 'ACCESS_DENIED', 'Admin pages need a Cloudflare Access sign-in');
  try {
    c.set('adminEmail', await verifyAccessToken(c.env, token));
  } catch (err) {
    log('warn', 'access_denied', { requestId: c.get('requestId'), reason: (err as Error).message });
    throw new ApiError(403, 'ACCESS_DENIED', 'Your Access token was not accepted for the admin area');
  }
  await next();
};
