import { createRoute } from '@hono/zod-openapi';
import { ShowSettings, ShowSettingsResponse } from '../../../../wire/shows.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { readShowSettings, replaceShowSettings } from '../../../shows/show-settings.ts';

const tags = ['Studio'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;

const route = {
  settings: createRoute({
    method: 'get',
    path: '/shows/settings',
    tags,
    summary: 'Your Paid shows settings',
    responses: { 200: json(ShowSettingsResponse, 'The settings'), ...errors(...notPerformer) },
  }),
  setSettings: createRoute({
    method: 'put',
    path: '/shows/settings',
    tags,
    summary:
      'Replace your Paid shows settings: private on/off and rate, minimum minutes, spy rate, group rate and ' +
      'minimum, cam-to-cam, sessions and their rates (later shows only; a running show keeps its rate)',
    request: { body: jsonBody(ShowSettings) },
    responses: {
      200: json(ShowSettingsResponse, 'The new settings'),
      ...errors([400, 'Invalid settings'], ...notPerformer),
    },
  }),
};

/** The performer's Paid shows settings, kept in D1; the Room reads them at each request. */
export const studioShows = router()
  .openapi(route.settings, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ settings: await readShowSettings(c.env.DB, performer.id) }, 200);
  })
  .openapi(route.setSettings, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ settings: await replaceShowSettings(c.env, performer, c.req.valid('json')) }, 200);
  });
