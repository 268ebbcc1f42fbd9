import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { database } from '../db/index.ts';
import { log } from '../log.ts';
import { recordActivity } from './activity.ts';
import type { McpCaller } from './scopes.ts';
import { serveTools, type Tool } from './tool.ts';
import { profileTools } from './tools/profile.ts';

/** Every tool Encore offers a connected app; each is listed and callable only with its scope. */
export const MCP_TOOLS: readonly Tool[] = [...profileTools];

/**
 * The MCP server for one request of one connected app: the caller's grant decides what it lists and
 * may call. Built per request (the /mcp endpoint is stateless), so nothing outlives the request.
 */
export function buildMcpServer(env: Env, caller: McpCaller): McpServer {
  const server = new McpServer(
    { name: 'encore', title: 'Encore', version: '1.0.0' },
    { instructions: `Tools for @${caller.performer.handle}'s Encore profile, room, moderation and earnings.` },
  );
  serveTools(server, { env, caller }, MCP_TOOLS, async ({ tool, outcome }) => {
    // The answer stands even if its log line cannot be written (D1 down): say so in the logs, loudly.
    try {
      await recordActivity(database(env), {
        performerId: caller.performer.userId,
        client: caller.client,
        tool,
        outcome,
      });
    } catch (error) {
      log('error', 'mcp.activity.not_recorded', {
        performerId: caller.performer.userId,
        clientId: caller.client.id,
        tool,
        outcome,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return server;
}
