import { AuthorizationError, CimdFetchError } from '@cloudflare/workers-oauth-provider';
import { Hono } from 'hono';
import { readSession } from '../auth/session.ts';
import type { AppEnv } from '../env.ts';
import { keepConsent } from '../mcp/consent-views.ts';
import { oauthApi } from '../mcp/oauth.ts';

/**
 * `/oauth/authorize`, the MCP authorization endpoint (the library serves /oauth/token and /oauth/register
 * before the app sees them). It checks the request, sends a signed-out browser through login and back, and
 * hands the request to the consent page (`/connect`, web/src/features/apps/consent.tsx) with the library's
 * browser-bound handle. Approve and Deny are POST /api/consent/:handle.
 */
export const oauthPages = new Hono<AppEnv>();

oauthPages.get('/authorize', readSession, async (c) => {
  const oauth = oauthApi(c.env, c.req.url);
  let request: Awaited<ReturnType<typeof oauth.parseAuthRequest>>;
  try {
    request = await oauth.parseAuthRequest(c.req.raw);
  } catch (error) {
    // A redirect back is safe only once the library validated the client and its redirect URI.
    if (error instanceof AuthorizationError && error.redirectTo) return c.redirect(error.redirectTo, 302);
    if (error instanceof AuthorizationError || error instanceof CimdFetchError) return c.redirect(problem, 302);
    throw error;
  }
  const session = c.get('session');
  if (!session) {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
  }
  const details = await oauth.describeConsent(request);
  const consent = await oauth.beginConsent(request);
  await keepConsent(c.env, consent.handle, session.user.id, details);
  const headers = new Headers(consent.headers);
  headers.set('Location', `/connect?handle=${encodeURIComponent(consent.handle)}`);
  return new Response(null, { status: 302, headers });
});

const problem = '/connect?problem=invalid-request';
