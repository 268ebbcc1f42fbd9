import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { database } from '../db/index.ts';
import { log } from '../log.ts';
import { recordActivity } from './activity.ts';
import type { McpCaller } from './scopes.ts';
import { type CallOutcome, serveTools, type Tool } from './tool.ts';
import { deviceTools } from './tools/devices.ts';
import { earningsSummary, earningsTools, payoutTools } from './tools/earnings.ts';
import { moderationTools } from './tools/moderation.ts';
import { musicTools } from './tools/music.ts';
import { profileTools } from './tools/profile.ts';
import { roomState, roomTools } from './tools/room.ts';
import { showTools } from './tools/shows.ts';
import { weeklyFigures, weeklyReportText } from './weekly-report.ts';

/** Every tool Encore offers a connected app; each is listed and callable only with its scope. */
export const MCP_TOOLS: readonly Tool[] = [
  ...profileTools,
  ...roomTools,
  ...moderationTools,
  ...earningsTools,
  ...payoutTools,
  ...musicTools,
  ...deviceTools,
  ...showTools,
];

const JSON_TYPE = 'application/json';

/**
 * The MCP server for one request of one connected app: the caller's grant decides what it lists and
 * may call. Built per request (the /mcp endpoint is stateless), so nothing outlives the request.
 */
export function buildMcpServer(env: Env, caller: McpCaller): McpServer {
  const server = new McpServer(
    { name: 'encore', title: 'Encore', version: '1.0.0' },
    {
      instructions:
        `Tools for @${caller.performer.handle}'s Encore profile, room, moderation, earnings, music, toy ` +
        'and paid shows.',
    },
  );
  const ended = activityRecorder(env, caller);
  serveTools(server, { env, caller }, MCP_TOOLS, ended);
  const granted = (scope: McpCaller['scopes'][number]) => caller.scopes.includes(scope);

  // Resources: what a client may read without a tool call, under the same scopes as the tools that read it.
  const resource = (name: string, uri: string, title: string, description: string, read: () => Promise<unknown>) =>
    server.registerResource(name, uri, { title, description, mimeType: JSON_TYPE }, async (url) => {
      const value = await answered(`resource ${uri}`, read, ended);
      return { contents: [{ uri: url.href, mimeType: JSON_TYPE, text: JSON.stringify(value) }] };
    });
  if (granted('room'))
    resource('room-state', 'encore://room/state', 'Room state', 'Live show, goal and chat modes of your room.', () =>
      roomState(env, caller),
    );
  if (granted('earnings:read')) {
    resource(
      'earnings-summary',
      'encore://earnings/summary',
      'Earnings summary',
      'Earned tokens today, last 7 and 30 days, all time, pending and payable, with top named tippers.',
      () => earningsSummary(env, caller),
    );
    server.registerPrompt(
      'weekly-report',
      {
        title: 'Weekly report',
        description: 'Last week’s earnings by day and kind, the best show day and top supporters, with suggestions.',
      },
      async () => {
        const figures = await answered('prompt weekly-report', () => weeklyFigures(env, caller), ended);
        return {
          description: `Weekly report for ${figures.week.from} to ${figures.week.to}`,
          messages: [
            { role: 'user', content: { type: 'text', text: weeklyReportText(caller.performer.handle, figures) } },
          ],
        };
      },
    );
  }
  return server;
}

/**
 * A resource read or a prompt: logged as activity like a tool call, and a failure goes out as a bare internal
 * error (its message, a D1 error say, stays in the Worker's logs).
 */
async function answered<T>(what: string, work: () => Promise<T>, ended: (o: CallOutcome) => Promise<void>) {
  try {
    const value = await work();
    await ended({ tool: what, outcome: 'ok' });
    return value;
  } catch (error) {
    log('error', 'mcp.read.failed', { what, error: error instanceof Error ? error.message : String(error) });
    await ended({ tool: what, outcome: 'INTERNAL' });
    throw new McpError(ErrorCode.InternalError, 'Something went wrong on our side; try again');
  }
}

/** Writes each call to the activity log; the answer stands even if its line cannot be written (D1 down). */
function activityRecorder(env: Env, caller: McpCaller) {
  return async ({ tool, outcome }: CallOutcome): Promise<void> => {
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
  };
}
