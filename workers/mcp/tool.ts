import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  type Tool as ListedTool,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../../wire/errors.ts';
import { clientError, errorBody, validationError } from '../errors.ts';
import { log } from '../log.ts';
import type { McpCaller, McpScope } from './scopes.ts';

/** What every tool runs with: the Worker's bindings and who is calling, as their grant says. */
export type ToolContext = { env: Env; caller: McpCaller };

/** The MCP tool annotations, all four said out loud (every Encore tool acts on Encore alone). */
export type ToolHints = { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean };

/** One tool: the scope that grants it, its contract for the client, and what it runs. */
export type Tool<S extends z.ZodObject = z.ZodObject> = {
  name: string;
  scope: McpScope;
  title: string;
  description: string;
  input: S;
  hints: ToolHints;
  /** Returns what the client reads (an object); throws ApiError (or a money refusal) to refuse. */
  run: (context: ToolContext, args: z.output<S>) => Promise<Record<string, unknown>>;
};

/** Keeps each tool's argument type tied to its schema (a plain array would widen them all). */
export function tool<S extends z.ZodObject>(definition: Tool<S>): Tool {
  return definition as unknown as Tool;
}

export const READ: ToolHints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };

/** How a call ended, for the activity log: ok, or the error code it was refused with. */
export type CallOutcome = { tool: string; outcome: 'ok' | ErrorCode };

/**
 * Serves `tools/list` and `tools/call` for the tools the caller's scopes grant.
 *
 * Why not McpServer.registerTool: the SDK checks the arguments before any of our code runs and answers a
 * malformed call with bare text, so that call would get neither the studio's error envelope nor an activity
 * entry. Here every call, valid or not, granted or not, comes through one function that parses with the same
 * zod schema the list shows, answers refusals as the studio words them, and reports how the call ended.
 */
export function serveTools(
  server: McpServer,
  context: ToolContext,
  catalogue: readonly Tool[],
  ended: (outcome: CallOutcome) => Promise<void>,
): void {
  const granted = catalogue.filter((t) => context.caller.scopes.includes(t.scope));
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: granted.map(listed) }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const name = request.params.name;
    const result = await call(context, catalogue, name, request.params.arguments ?? {});
    const error = result.structuredContent?.error as ErrorBody['error'] | undefined;
    await ended({ tool: name.slice(0, 64), outcome: result.isError && error ? error.code : 'ok' });
    return result;
  });
}

async function call(
  context: ToolContext,
  catalogue: readonly Tool[],
  name: string,
  args: unknown,
): Promise<CallToolResult> {
  const found = catalogue.find((t) => t.name === name);
  if (!found) return refusal(errorBody('NOT_FOUND', `There is no tool called ${name}`));
  // Not listed, and refused the same way: a scope not granted is not a door left ajar.
  if (!context.caller.scopes.includes(found.scope))
    return refusal(errorBody('FORBIDDEN', `${name} needs the "${found.scope}" scope, which this app was not granted`));
  const parsed = found.input.safeParse(args);
  if (!parsed.success) return refusal(asBody(validationError(parsed.error)));
  try {
    return answer(await found.run(context, parsed.data));
  } catch (error) {
    const known = clientError(error);
    if (known) return refusal(known.body);
    log('error', 'mcp.tool.failed', { tool: name, error: error instanceof Error ? error.message : String(error) });
    return refusal(errorBody('INTERNAL', 'Something went wrong on our side; try again'));
  }
}

function asBody(error: ReturnType<typeof validationError>): ErrorBody {
  return errorBody(error.code, error.message, error.fields);
}

function listed(t: Tool): ListedTool {
  // The arguments a client sends (io: 'input': defaults optional, before transforms); no $schema line per tool.
  const { $schema: _draft, ...schema } = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' });
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: schema as ListedTool['inputSchema'],
    annotations: { title: t.title, ...t.hints, openWorldHint: false },
  };
}

/** A tool's answer: the object as structured content, and the same as JSON text for clients that read text. */
export function answer(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** A refusal as an MCP tool error: the studio's code and message, as text and as the error envelope. */
export function refusal(body: ErrorBody): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${body.error.code}: ${body.error.message}` }],
    structuredContent: body,
  };
}
