import type { OAuthResourceAuth } from '@cloudflare/workers-oauth-provider';
import * as streamableHttp from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ErrorBody, ErrorCode } from '../../wire/errors.ts';
import { log } from '../log.ts';
import type { GrantProps } from './oauth.ts';
import { type McpCaller, McpScope } from './scopes.ts';
import { connectionStanding, type Standing } from './standing.ts';

/** What the OAuth provider hands the /mcp handler: the grant's props and the checked token. */
type McpContext = ExecutionContext & { props: GrantProps; auth: OAuthResourceAuth };
export type BuildMcpServer = (
  env: Env,
  caller: McpCaller,
) => { connect(transport: Transport): Promise<void>; close(): Promise<void> };

/**
 * `/mcp` on Streamable HTTP, stateless: a new MCP server and transport for every request, with no session
 * id. Every tool call stands alone (the caller comes from the token, the state from D1 and the Room), so
 * there is nothing a session would keep, and a Worker scales per request where a session Durable Object
 * would pin each client to one place. Answers are plain JSON, not SSE streams: no tool streams progress.
 *
 * Before the server runs: the connection must be within its rate (MCP_CALLS, keyed by grant), and the account
 * still an active performer with the grant not revoked (D1, one query).
 */
export function mcpEndpoint(
  build: BuildMcpServer,
): ExportedHandler<Env> & Pick<Required<ExportedHandler<Env>>, 'fetch'> {
  return {
    async fetch(request, env, ctx) {
      const { props, auth } = ctx as McpContext;
      if (request.method !== 'POST') {
        // Stateless: no stream to resume (GET) and no session to end (DELETE).
        return new Response(null, { status: 405, headers: { Allow: 'POST' } });
      }
      const grantId = grantIdOf(auth.token);
      // The rate first: a flood from one connection costs no D1 read.
      const { success } = await env.MCP_CALLS.limit({ key: grantId });
      if (!success) {
        return refusal(429, 'RATE_LIMITED', 'Too many calls from this app: at most 120 a minute; try again shortly', {
          'Retry-After': '60',
        });
      }
      let standing: Standing;
      try {
        standing = await connectionStanding(env, props.userId, grantId);
      } catch (error) {
        // D1 unreachable: no call goes through unchecked; the app may retry.
        log('error', 'mcp_standing_unavailable', { grantId, error: String(error) });
        return refusal(503, 'RETRY_LATER', 'Encore cannot check this connection right now; try again shortly', {
          'Retry-After': '5',
        });
      }
      if (standing.kind !== 'ok') return refused(standing);
      const caller: McpCaller = {
        performer: standing.performer,
        scopes: auth.scope.filter((scope): scope is McpScope => McpScope.safeParse(scope).success),
        client: { id: auth.clientId ?? '', name: props.clientName },
        grantId,
      };
      const server = build(env, caller);
      const transport = new streamableHttp.WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await server.connect(transport);
      try {
        return await transport.handleRequest(request);
      } finally {
        ctx.waitUntil(
          server.close().catch((error: unknown) => log('warn', 'mcp_close_failed', { error: String(error) })),
        );
      }
    },
  };
}

/** Issued tokens read `userId:grantId:secret` (the provider's format); the grant names the connection. */
function grantIdOf(token: string): string {
  return token.split(':')[1] ?? '';
}

function refused(standing: Exclude<Standing, { kind: 'ok' }>): Response {
  switch (standing.kind) {
    case 'revoked':
      // 401 with the challenge: the client starts the authorization again, as for an expired token.
      return refusal(401, 'UNAUTHENTICATED', standing.message, {
        'WWW-Authenticate': `Bearer error="invalid_token", error_description="${standing.message}"`,
      });
    case 'suspended':
      return refusal(403, 'ACCOUNT_SUSPENDED', standing.message);
    case 'not-performer':
      return refusal(403, 'FORBIDDEN', standing.message);
  }
}

function refusal(
  status: 401 | 403 | 429 | 503,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
) {
  const body: ErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
