import { createRoute } from '@hono/zod-openapi';
import { DeviceSettings, DeviceSettingsResponse } from '../../../../wire/devices.ts';
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
    path: '/devices',
    tags,
    summary: 'Your tip levels and device caps (maximum intensity, maximum queue)',
    responses: { 200: json(DeviceSettingsResponse, 'The device settings'), ...errors(...notPerformer) },
  }),
  setSettings: createRoute({
    method: 'put',
    path: '/devices',
    tags,
    summary: 'Replace your tip levels and device caps (the room sees them at once)',
    request: { body: jsonBody(DeviceSettings) },
    responses: {
      200: json(DeviceSettingsResponse, 'The new device settings'),
      ...errors([400, 'Overlapping levels, a level over 100% or past 60 s, a bad cap'], ...notPerformer),
    },
  }),
};

/** The performer's device settings: kept by their Room (it decides every reaction), edited from the studio. */
export const studioDevices = router()
  .openapi(route.settings, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ settings: await roomStub(c.env, performer.handle).deviceSettings() }, 200);
  })
  .openapi(route.setSettings, async (c) => {
    const performer = requireRole(c, 'performer');
    const owner = { handle: performer.handle, performerId: performer.id };
    const settings = await roomStub(c.env, performer.handle).setDeviceSettings(owner, c.req.valid('json'));
    return c.json({ settings }, 200);
  });
