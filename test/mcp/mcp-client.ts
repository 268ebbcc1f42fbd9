import { env } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { MCP_SCOPES, type McpCaller, type McpScope } from '../../workers/mcp/scopes.ts';
import { buildMcpServer } from '../../workers/mcp/server.ts';

/** A performer's connected app in a test: the SDK's own Client, linked in memory to the server /mcp builds. */
export async function connectedApp(
  performer: { userId: string; handle: string },
  scopes: readonly McpScope[] = MCP_SCOPES,
  client: McpCaller['client'] = { id: `app_${crypto.randomUUID().slice(0, 8)}`, name: 'Test Assistant' },
  bindings: Env = env,
): Promise<{ client: Client; caller: McpCaller }> {
  const caller: McpCaller = { performer, scopes, client, grantId: `grant_${crypto.randomUUID()}` };
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await buildMcpServer(bindings, caller).connect(serverSide);
  const app = new Client({ name: client.name, version: '1.0.0' });
  await app.connect(clientSide);
  return { client: app, caller };
}

/** Calls a tool that must succeed and returns its structured answer. */
export async function callOk<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).not.toBe(true);
  return result.structuredContent as T;
}

/** Calls a tool that must be refused and returns the error envelope it carries. */
export async function callRefused(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBe(true);
  const body = result.structuredContent as { error: { code: string; message: string } };
  expect(result.content).toEqual([{ type: 'text', text: `${body.error.code}: ${body.error.message}` }]);
  return body.error;
}
