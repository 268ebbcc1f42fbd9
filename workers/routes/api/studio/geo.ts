import { createRoute } from '@hono/zod-openapi';
import { GeoBlocks } from '../../../../wire/geo.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { blockedRegionsOf, setBlockedRegions } from '../../../safety/geo.ts';
import { roomByHandle } from '../../../safety/room-control.ts';

const tags = ['Studio'];

/** The performer's geo-blocks: countries and regions where their room is hidden and unreachable. */
export const studioGeo = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/geo',
      tags,
      summary: 'The countries and regions your room is blocked in',
      responses: {
        200: json(GeoBlocks, 'Your block list'),
        ...errors([401, 'Not signed in'], [403, 'Not a performer']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      return c.json({ blocked: await blockedRegionsOf(c.env.DB, performer.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/geo',
      tags,
      summary: 'Replace the countries and regions your room is blocked in',
      request: { body: jsonBody(GeoBlocks) },
      responses: {
        200: json(GeoBlocks, 'The saved block list'),
        ...errors([400, 'A code that is not a country or region'], [401, 'Not signed in'], [403, 'Not a performer']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      const blocked = [...new Set(c.req.valid('json').blocked)].sort();
      await setBlockedRegions(c.env.DB, performer.id, blocked);
      // Viewers already watching from a newly blocked place stop now, not when their grant runs out.
      await roomByHandle(c.env, performer.handle).placesBlocked(blocked);
      return c.json({ blocked }, 200);
    },
  );
