import { createRoute } from '@hono/zod-openapi';
import { RequestSettings, RequestSettingsResponse } from '../../../../wire/music.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { roomStub } from '../../../rooms/room-stub.ts';

const tags = ['Studio'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;

const route = {
  settings: createRoute({
    method: 'get',
    path: '/requests',
    tags,
    summary: 'Your song-request settings',
    responses: { 200: json(RequestSettingsResponse, 'The settings'), ...errors(...notPerformer) },
  }),
  setSettings: createRoute({
    method: 'put',
    path: '/requests',
    tags,
    summary:
      'Replace your song-request settings: open or closed, price, bump minimum, queue limits, blocklist, ' +
      'accept first, order, expiry (the room sees them at once)',
    request: { body: jsonBody(RequestSettings) },
    responses: {
      200: json(RequestSettingsResponse, 'The new settings'),
      ...errors([400, 'Invalid settings'], ...notPerformer),
    },
  }),
};

/** The performer's song-request settings, kept by their Room; the queue itself is run over the room socket. */
export const studioRequests = router()
  .openapi(route.settings, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ settings: await roomStub(c.env, performer.handle).requestSettingsOf() }, 200);
  })
  .openapi(route.setSettings, async (c) => {
    const performer = requireRole(c, 'performer');
    const owner = { handle: performer.handle, performerId: performer.id };
    const settings = await roomStub(c.env, performer.handle).setRequestSettings(owner, c.req.valid('json'));
    return c.json({ settings }, 200);
  });
