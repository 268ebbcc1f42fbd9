import { createRoute } from '@hono/zod-openapi';
import { ConnectedAppsResponse, GrantIdParam } from '../../../../wire/connected-apps.ts';
import { MCP_ACTIVITY_PAGE } from '../../../../wire/mcp-activity.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { database } from '../../../db/index.ts';
import { ApiError } from '../../../errors.ts';
import { recentActivity } from '../../../mcp/activity.ts';
import { connectedApps, revokeConnection } from '../../../mcp/connections.ts';
import { errors, json, noContent } from '../../../openapi.ts';

const tags = ['Connected apps'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;

const route = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Your connected apps (MCP clients), their scopes and last use, and their recent activity',
    responses: { 200: json(ConnectedAppsResponse, 'Connected apps'), ...errors(...notPerformer) },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    summary: 'Revoke a connected app: its next call is refused, and so is its next token refresh',
    request: { params: GrantIdParam },
    responses: { ...noContent, ...errors([404, 'No such connected app of yours'], ...notPerformer) },
  }),
};

/** /api/studio/apps: Connected apps in the studio. */
export const studioApps = router()
  .openapi(route.list, async (c) => {
    const performer = requireRole(c, 'performer');
    const [apps, activity] = await Promise.all([
      connectedApps(c.env, c.req.url, performer.id),
      recentActivity(database(c.env), performer.id, { limit: MCP_ACTIVITY_PAGE }),
    ]);
    return c.json({ apps, activity }, 200);
  })
  .openapi(route.revoke, async (c) => {
    const performer = requireRole(c, 'performer');
    const revoked = await revokeConnection(c.env, c.req.url, performer.id, c.req.valid('param').id);
    if (!revoked) throw new ApiError(404, 'NOT_FOUND', 'No such connected app');
    return c.body(null, 204);
  });
