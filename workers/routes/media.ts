import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { PICTURE_CACHE_CONTROL } from '../pictures/store.ts';
import { isCurrentThumbnail, THUMBNAIL_CACHE_CONTROL } from '../rooms/thumbnails.ts';

/** Public pictures from R2 `MEDIA`, with the type recorded at upload and a year of caching. */
export const media = new Hono<AppEnv>();

media.get('/:folder{avatars|covers}/:name{[0-9a-f-]{36}\\.(jpg|png|webp)}', async (c) => {
  const key = `${c.req.param('folder')}/${c.req.param('name')}`;
  const object = await c.env.MEDIA.get(key, { onlyIf: c.req.raw.headers });
  if (!object) throw new ApiError(404, 'NOT_FOUND', 'No such picture');
  const headers = new Headers();
  object.writeHttpMetadata(headers);
  headers.set('ETag', object.httpEtag);
  headers.set('Cache-Control', PICTURE_CACHE_CONTROL);
  // A precondition hit (If-None-Match) returns the object without a body.
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  return new Response(object.body, { headers });
});

/** A live room's current thumbnail only: an old one, or one from a room now offline or private, is gone. */
media.get('/thumbnails/:name{[0-9a-f-]{36}\\.jpg}', async (c) => {
  const key = `thumbnails/${c.req.param('name')}`;
  if (!(await isCurrentThumbnail(c.env, key))) throw new ApiError(404, 'NOT_FOUND', 'No such picture');
  const object = await c.env.MEDIA.get(key, { onlyIf: c.req.raw.headers });
  if (!object) throw new ApiError(404, 'NOT_FOUND', 'No such picture');
  const headers = new Headers({ 'Content-Type': 'image/jpeg', ETag: object.httpEtag });
  headers.set('Cache-Control', THUMBNAIL_CACHE_CONTROL);
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  return new Response(object.body, { headers });
});

media.all('*', () => {
  throw new ApiError(404, 'NOT_FOUND', 'No such picture');
});
