import {
  GrantType,
  getOAuthApi,
  OAuthError,
  type OAuthHelpers,
  OAuthProvider,
  type OAuthProviderOptions,
} from '@cloudflare/workers-oauth-provider';
import { log } from '../log.ts';
import { MCP_SCOPES } from './scopes.ts';
import { connectionStanding } from './standing.ts';

/**
 * OAuth 2.1 for the MCP server, by Cloudflare's provider library: it serves the metadata documents
 * (`/.well-known/oauth-authorization-server`, `/.well-known/oauth-protected-resource/mcp`), dynamic client
 * registration (`/oauth/register`) and the token endpoint (`/oauth/token`, codes with PKCE S256, refresh,
 * revocation), checks the bearer token on `/mcp`, and stores clients, grants and tokens in OAUTH_KV. The
 * authorize endpoint (`/oauth/authorize`) is ours: sign-in and consent (routes/oauth.ts, routes/api/consent.ts).
 *
 * The protected resource is named by a full URL (`<origin>/mcp`) and the library refuses a token at any other
 * origin, so the provider is built per origin the Worker is reached at: one in production, the stack's random
 * port locally, `https://encore.test` in the workerd tests.
 */
export const AUTHORIZE_PATH = '/oauth/authorize';
export const MCP_PATH = '/mcp';
/** Access tokens live an hour; the client refreshes them (refresh tokens rotate, 30 days of idleness ends a grant). */
const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_IDLE_SECONDS = 30 * 24 * 3600;

/** What completeAuthorization stores with a grant; the /mcp handler gets it back as ctx.props. */
export type GrantProps = { userId: string; handle: string; scopes: string[]; clientName: string };
/** Stored in the clear on the grant (listUserGrants returns it): what Connected apps shows. */
export type GrantMetadata = { clientName: string };

type Handler = OAuthProviderOptions<Env>['defaultHandler'];
type ApiHandler = NonNullable<OAuthProviderOptions<Env>['apiHandler']>;

let handlers: { defaultHandler: Handler; apiHandler: ApiHandler } | undefined;
const byOrigin = new Map<string, { options: OAuthProviderOptions<Env>; provider: OAuthProvider<Env> }>();

function forOrigin(origin: string) {
  let entry = byOrigin.get(origin);
  if (!entry) {
    if (!handlers) throw new Error('serveWithOAuth() must run before the OAuth provider is used');
    // Bounded: a Worker is reached at a handful of origins; a flood of Host values must not grow memory.
    if (byOrigin.size >= 16) byOrigin.clear();
    const options = providerOptions(origin, handlers.defaultHandler, handlers.apiHandler);
    entry = { options, provider: new OAuthProvider<Env>(options) };
    byOrigin.set(origin, entry);
  }
  return entry;
}

function providerOptions(origin: string, defaultHandler: Handler, apiHandler: ApiHandler): OAuthProviderOptions<Env> {
  return {
    apiRoute: MCP_PATH,
    apiHandler,
    defaultHandler,
    authorizeEndpoint: AUTHORIZE_PATH,
    tokenEndpoint: '/oauth/token',
    clientRegistrationEndpoint: '/oauth/register',
    scopesSupported: [...MCP_SCOPES],
    accessTokenTTL: ACCESS_TOKEN_SECONDS,
    refreshTokenIdleTTL: REFRESH_IDLE_SECONDS,
    resourceMetadata: { resource: `${origin}${MCP_PATH}`, resource_name: 'Encore' },
    // The library's refusals (bad tokens, codes, registrations) as one JSON log line each, like the app's.
    onError: ({ code, status, internal }) => {
      log('warn', 'oauth_refused', { code, status, category: internal.category, reason: internal.reason });
    },
    // A suspended performer, or a connection revoked in the studio, gets no fresh token either.
    tokenExchangeCallback: async ({ grantType, grantId, userId, env }) => {
      if (grantType !== GrantType.REFRESH_TOKEN && grantType !== GrantType.AUTHORIZATION_CODE) return;
      const standing = await connectionStanding(env, userId, grantId);
      if (standing.kind !== 'ok') throw new OAuthError('invalid_grant', { description: standing.message });
    },
  };
}

/** The Worker's fetch: OAuth's own endpoints and `/mcp` through the provider, everything else to `defaultHandler`. */
export function serveWithOAuth(defaultHandler: Handler, apiHandler: ApiHandler) {
  handlers = { defaultHandler, apiHandler };
  return (request: Request, env: Env, ctx: ExecutionContext) =>
    forOrigin(new URL(request.url).origin).provider.fetch(request, env, ctx);
}

/** The provider's helpers (parse and complete an authorization, list and revoke grants) for this origin. */
export function oauthApi(env: Env, requestUrl: string): OAuthHelpers {
  return getOAuthApi(forOrigin(new URL(requestUrl).origin).options, env);
}
