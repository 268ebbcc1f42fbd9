import { createRoute, z } from '@hono/zod-openapi';
import { DirectoryQuery, DirectoryResponse, OfflineQuery, OfflineResponse } from '../../../wire/directory.ts';
import { RoomStanding } from '../../../wire/live.ts';
import { thumbnailAllowed } from '../../../wire/thumbnails.ts';
import { router } from '../../app.ts';
import { currentUser } from '../../auth/session.ts';
import { ApiError } from '../../errors.ts';
import { errors, HandleParam, json, noContent } from '../../openapi.ts';
import { findVisiblePerformer } from '../../performers/visible.ts';
import { pictureUrl } from '../../pictures/store.ts';
import { popularLiveTags, searchLiveRooms, searchOfflinePerformers } from '../../rooms/directory-search.ts';
import { roomStub } from '../../rooms/room-stub.ts';
import {
  clearThumbnail,
  roomShowState,
  SHOW_NOT_PUBLIC,
  storeThumbnail,
  thumbnailUrl,
} from '../../rooms/thumbnails.ts';
import { placeOf } from '../../safety/geo.ts';
import { roomByHandle } from '../../safety/room-control.ts';
import { showsInProgress } from '../../shows/availability.ts';

const binary = z.string().openapi({ type: 'string', format: 'binary' });

/**
 * The directory: live rooms (search, tag, sort, pages) and performers who are offline. Rooms whose
 * performer blocks the viewer's country or region are not listed to them at all.
 */
export const rooms = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Rooms'],
      summary: 'Rooms that are live now: search by name or tag, filter by tag, sort by viewers or newest',
      request: { query: DirectoryQuery },
      responses: { 200: json(DirectoryResponse, 'One page of live rooms'), ...errors([400, 'Bad query']) },
    }),
    async (c) => {
      const place = placeOf(c.req.raw, c.env);
      const [found, popularTags] = await Promise.all([
        searchLiveRooms(c.env.DB, c.req.valid('query'), place),
        popularLiveTags(c.env.DB, place),
      ]);
      // Whether each room is in a paid show (the Room knows): the card says "In private" or "Group show".
      const running = await showsInProgress(
        c.env,
        found.items.map((r) => r.handle),
      );
      const rooms = found.items.map((r) => ({
        handle: r.handle,
        displayName: r.displayName,
        avatarUrl: pictureUrl(r.avatarKey),
        thumbnailUrl: thumbnailUrl(r.thumbnailKey),
        title: r.title,
        tags: r.tags,
        viewers: r.viewers,
        startedAt: new Date(r.startedAt).toISOString(),
        show: running.get(r.handle) ?? null,
      }));
      return c.json({ rooms, popularTags, nextPage: found.nextPage }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/offline',
      tags: ['Rooms'],
      summary: 'Performers who are offline now, with their weekly schedule: search by name or tag',
      request: { query: OfflineQuery },
      responses: { 200: json(OfflineResponse, 'One page of performers'), ...errors([400, 'Bad query']) },
    }),
    async (c) => {
      const found = await searchOfflinePerformers(c.env.DB, c.req.valid('query'), placeOf(c.req.raw, c.env));
      const performers = found.items.map((p) => ({
        handle: p.handle,
        displayName: p.displayName,
        avatarUrl: pictureUrl(p.avatarKey),
        tags: p.tags,
        schedule: p.schedule ?? null,
      }));
      return c.json({ performers, nextPage: found.nextPage }, 200);
    },
  )
  /**
   * The studio's camera frame for the directory card. Only the performer of a room that is live with a
   * public show; the body is sniffed (JPEG only) and small.
   */
  .openapi(
    createRoute({
      method: 'put',
      path: '/{handle}/thumbnail',
      tags: ['Rooms'],
      summary: 'Upload your live room’s thumbnail (raw JPEG bytes, small), while on air with a public show',
      request: { params: HandleParam, body: { required: true, content: { 'image/jpeg': { schema: binary } } } },
      responses: {
        ...noContent,
        ...errors(
          [400, 'Empty upload'],
          [401, 'Not signed in'],
          [403, 'Not your room'],
          [404, 'No such performer'],
          [409, 'Not live (NOT_LIVE), or a private or group show runs (SHOW_NOT_PUBLIC)'],
          [413, 'Too large'],
          [415, 'Not a JPEG'],
        ),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
      if (performer.user.id !== user.id) throw new ApiError(403, 'FORBIDDEN', 'You can only set your own thumbnail');
      const room = roomStub(c.env, performer.user.handle);
      const state = await roomShowState(room);
      if (!state.live) throw new ApiError(409, 'NOT_LIVE', 'Thumbnails are taken only during a public show');
      if (!thumbnailAllowed(state)) throw new ApiError(409, 'SHOW_NOT_PUBLIC', SHOW_NOT_PUBLIC);
      if (!(await storeThumbnail(c.env, user.id, await c.req.arrayBuffer())))
        throw new ApiError(409, 'NOT_LIVE', 'Go live first');
      // A show that started while this was stored has already dropped the old thumbnail: drop this one too.
      if (!thumbnailAllowed(await roomShowState(room))) {
        await clearThumbnail(c.env, user.id);
        throw new ApiError(409, 'SHOW_NOT_PUBLIC', SHOW_NOT_PUBLIC);
      }
      return c.body(null, 204);
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
