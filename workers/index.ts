import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './env.ts';
import { notFound, onError } from './errors.ts';
import { mcpEndpoint } from './mcp/endpoint.ts';
import { serveWithOAuth } from './mcp/oauth.ts';
import { buildMcpServer } from './mcp/server.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { consumeNotifications } from './notifications/consumer.ts';
import { announceMissingSettings } from './production-settings.ts';
import { adminPages } from './routes/admin.ts';
import { api } from './routes/api/index.ts';
import { dev } from './routes/dev/index.ts';
import { media } from './routes/media.ts';
import { oauthPages } from './routes/oauth.ts';
import { roomSockets } from './routes/rooms.ts';
import { scheduled } from './scheduled.ts';

// One mount per path, each served by the file or folder of the same name under routes/ (README, Routes).
const app = new Hono<AppEnv>();
app.use(requestId(), announceMissingSettings, securityHeaders, sameOrigin);
app.route('/api', api);
app.route('/media', media);
app.route('/rooms', roomSockets);
app.route('/admin', adminPages);
app.route('/dev', dev);
app.route('/oauth', oauthPages);
app.onError(onError);
app.notFound(notFound);

// The OAuth provider sees every request first: its own endpoints (/oauth/token, /oauth/register, /.well-known/…)
// and the MCP server at /mcp (workers/mcp/), everything else to the app. Cron triggers (document retention)
// and the notification queue's consumer run beside it.
const appFetch = app.fetch;
const fetch = serveWithOAuth(
  { fetch: (request, env, ctx) => appFetch(request, env, ctx) },
  mcpEndpoint(buildMcpServer),
);
export default Object.assign(app, { fetch, scheduled, queue: consumeNotifications }) satisfies ExportedHandler<Env>;
export { Room } from '../durable-objects/room.ts';
