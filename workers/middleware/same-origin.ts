import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site (CSRF). Browsers send
 * `Origin` on every non-GET fetch and form post, and `Sec-Fetch-Site` on all requests; a
 * request with neither did not come from a browser page, so it cannot ride a victim's cookie.
 */
/** Writes that carry their own proof and no cookie: a mail provider posts one-click unsubscribes (RFC 8058). */
const TOKEN_ONLY_PATHS = new Set(['/api/notifications/unsubscribe']);

export const sameOrigin: MiddlewareHandler = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || TOKEN_ONLY_PATHS.has(c.req.path)) return next();
  const origin = c.req.header('Origin');
  const ownOrigin = new URL(c.req.url).origin;
  if (origin !== undefined) {
    if (origin !== ownOrigin) throw crossSite();
    return next();
  }
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw crossSite();
  return next();
};

function crossSite(): ApiError {
  return new ApiError(403, 'CROSS_SITE_REQUEST', 'This request came from another site and was refused');
}
