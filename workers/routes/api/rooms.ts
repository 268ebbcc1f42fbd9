import { createRoute, z } from '@hono/zod-openapi';
import { LiveRoomsResponse, RoomStanding } from '../../../wire/live.ts';
import { router } from '../../app.ts';
import { errors, json } from '../../openapi.ts';
import { findVisiblePerformer } from '../../performers/visible.ts';
import { pictureUrl } from '../../pictures/store.ts';
import { liveDirectory } from '../../rooms/live-directory.ts';
import { isRequestBlocked, parseBlockList } from '../../safety/geo.ts';
import { roomByHandle } from '../../safety/room-control.ts';
import { showsInProgress } from '../../shows/availability.ts';

/** The live directory for the home page: live rooms, most watched first. */
export const rooms = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Rooms'],
      summary: 'Rooms that are live now, by viewers',
      responses: { 200: json(LiveRoomsResponse, 'Live rooms') },
    }),
    async (c) => {
      const results = await liveDirectory(c.env.DB);
      // Rooms whose performer blocks the viewer's country or region are not listed to them at all.
      const visible = results.filter((r) => !isRequestBlocked(parseBlockList(r.blockedRegions), c.req.raw, c.env));
      const running = await showsInProgress(
        c.env,
        visible.map((r) => r.handle),
      );
      const rooms = visible.map((r) => ({
        handle: r.handle,
        displayName: r.displayName,
        avatarUrl: pictureUrl(r.avatarKey),
        title: r.title,
        tags: r.tags,
        viewers: r.viewers,
        startedAt: new Date(r.startedAt).toISOString(),
        show: running.get(r.handle) ?? null,
      }));
      return c.json({ rooms }, 200);
    },
  )
  /**
   * Whether the signed-in viewer is banned from a room. A browser cannot read why a WebSocket
   * upgrade was refused, so the room page asks here instead of retrying a door that stays shut.
   * Anonymous visitors are never banned (bans are by account).
   */
  .openapi(
    createRoute({
      method: 'get',
      path: '/{handle}/standing',
      tags: ['Rooms'],
      summary: 'Your standing in a room (banned or not)',
      request: { params: z.object({ handle: z.string().min(1).max(40) }) },
      responses: { 200: json(RoomStanding, 'Your standing'), ...errors([404, 'No such performer']) },
    }),
    async (c) => {
      const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
      const user = c.get('session')?.user;
      if (!user || user.id === performer.user.id) return c.json({ banned: false }, 200);
      const { banned } = await roomByHandle(c.env, performer.user.handle).mayWatch(user.id);
      return c.json({ banned }, 200);
    },
  );
