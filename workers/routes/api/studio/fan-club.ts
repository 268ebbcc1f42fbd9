import { createRoute } from '@hono/zod-openapi';
import { FanClubMembersResponse, FanClubSettings, FanClubSettingsResponse } from '../../../../wire/fan-club.ts';
import { router } from '../../../app.ts';
import { hitRateLimit } from '../../../auth/rate-limit.ts';
import { requireRole } from '../../../auth/session.ts';
import { database } from '../../../db/index.ts';
import { clubFigures } from '../../../fan-club/figures.ts';
import { clubSettings, saveClubSettings } from '../../../fan-club/settings.ts';
import { later } from '../../../later.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';

const tags = ['Studio'];
const notPerformer = [
  [401, 'Not signed in'],
  [403, 'Not a performer'],
] as const;

const route = {
  settings: createRoute({
    method: 'get',
    path: '/fan-club',
    tags,
    summary: 'Your fan club: on or off, monthly price, perks',
    responses: { 200: json(FanClubSettingsResponse, 'The settings'), ...errors(...notPerformer) },
  }),
  setSettings: createRoute({
    method: 'put',
    path: '/fan-club',
    tags,
    summary:
      'Replace your fan-club settings. A new price applies to each member at their next renewal; members are ' +
      'told in the app and by email.',
    request: { body: jsonBody(FanClubSettings) },
    responses: {
      200: json(FanClubSettingsResponse, 'The new settings'),
      ...errors([400, 'Invalid settings'], ...notPerformer, [429, 'Too many requests']),
    },
  }),
  members: createRoute({
    method: 'get',
    path: '/fan-club/members',
    tags,
    summary: 'Your fan-club members, and per month: members, joins, lapses and recurring tokens',
    responses: { 200: json(FanClubMembersResponse, 'Members and figures'), ...errors(...notPerformer) },
  }),
};

export const studioFanClub = router()
  .openapi(route.settings, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json({ settings: await clubSettings(database(c.env), performer.id) }, 200);
  })
  .openapi(route.setSettings, async (c) => {
    const performer = requireRole(c, 'performer');
    await hitRateLimit(c, [`fan-club-settings:user:${performer.id}`], { limit: 20, windowMs: 60_000 });
    return c.json(
      { settings: await saveClubSettings(c.env, performer, c.req.valid('json'), (work) => later(c, work)) },
      200,
    );
  })
  .openapi(route.members, async (c) => {
    const performer = requireRole(c, 'performer');
    return c.json(await clubFigures(database(c.env), performer.id), 200);
  });
