import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpCaller } from './scopes.ts';

/** Until the tools land (workers/mcp/server.ts): one read-only tool, to prove the endpoint and its checks. */
export function placeholderMcpServer(_env: Env, caller: McpCaller) {
  const server = new McpServer({ name: 'encore', version: '1.0.0' });
  server.registerTool(
    'whoami',
    { title: 'Who am I', description: 'The performer this connection acts for', annotations: { readOnlyHint: true } },
    async () => ({
      content: [{ type: 'text', text: JSON.stringify({ handle: caller.performer.handle, scopes: caller.scopes }) }],
    }),
  );
  return server;
}
