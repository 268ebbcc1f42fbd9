import { and, eq, isNull } from 'drizzle-orm';
import type { Room } from '../../durable-objects/room.ts';
import { THUMBNAIL_MAX_BYTES } from '../../wire/thumbnails.ts';
import { database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { ApiError } from '../errors.ts';
import { sniffPicture } from '../pictures/sniff.ts';

/**
 * A thumbnail is a new object under a new random key at each capture (the URL is its version, so it
 * can be cached), and is served only while it is the live room's current one: going offline or a show
 * turning private (clearThumbnail) stops it at once, apart from a minute of edge cache.
 */
export const THUMBNAIL_CACHE_CONTROL = 'public, max-age=60';

export function thumbnailUrl(key: string | null): string | null {
  return key ? `/media/${key}` : null;
}

/** Stores the JPEG and points the live room at it; the old one is deleted. False when the room is not live. */
export async function storeThumbnail(env: Env, performerId: string, body: ArrayBuffer): Promise<boolean> {
  const bytes = new Uint8Array(body);
  if (bytes.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'The thumbnail is empty');
  if (bytes.length > THUMBNAIL_MAX_BYTES)
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `Thumbnails can be at most ${THUMBNAIL_MAX_BYTES / 1024} KB`);
  if (sniffPicture(bytes) !== 'image/jpeg') throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send a JPEG');
  const db = database(env);
  const [room] = await db
    .select({ old: liveRooms.thumbnailKey })
    .from(liveRooms)
    .where(eq(liveRooms.performerId, performerId));
  if (!room) return false;
  const key = `thumbnails/${crypto.randomUUID()}.jpg`;
  await env.MEDIA.put(key, bytes, {
    httpMetadata: { contentType: 'image/jpeg', cacheControl: THUMBNAIL_CACHE_CONTROL },
  });
  // Compare-and-set on the key read above: of uploads racing each other, one wins and the rest delete their
  // own object, so storage never keeps a picture nothing points at.
  const updated = await db
    .update(liveRooms)
    .set({ thumbnailKey: key })
    .where(
      and(
        eq(liveRooms.performerId, performerId),
        room.old === null ? isNull(liveRooms.thumbnailKey) : eq(liveRooms.thumbnailKey, room.old),
      ),
    )
    .returning({ key: liveRooms.thumbnailKey });
  if (updated.length === 0) {
    await env.MEDIA.delete(key);
    // Went offline in between (no row), or another capture landed first (it is the current one now).
    return (
      (await db.select({ id: liveRooms.performerId }).from(liveRooms).where(eq(liveRooms.performerId, performerId)))
        .length > 0
    );
  }
  if (room.old) await env.MEDIA.delete(room.old);
  return true;
}

/**
 * Takes the room's thumbnail down (a show that is not public starts, or the room goes offline). The
 * paid-show state machine calls this when a private or group show begins.
 */
export async function clearThumbnail(env: Pick<Env, 'DB' | 'MEDIA'>, performerId: string): Promise<void> {
  const [room] = await database(env)
    .select({ key: liveRooms.thumbnailKey })
    .from(liveRooms)
    .where(eq(liveRooms.performerId, performerId));
  if (!room?.key) return;
  await database(env)
    .update(liveRooms)
    .set({ thumbnailKey: null })
    .where(and(eq(liveRooms.performerId, performerId), eq(liveRooms.thumbnailKey, room.key)));
  await env.MEDIA.delete(room.key);
}

export const SHOW_NOT_PUBLIC = 'A private or group show is running; thumbnails are taken only in public';

/**
 * What thumbnailAllowed needs, from the Room: live, and whether a paid show keeps the public from the camera
 * (a private or group show running; an announced group show is still public).
 */
export async function roomShowState(
  room: DurableObjectStub<Room>,
): Promise<{ live: boolean; showKind: string | null }> {
  const [state, access] = await Promise.all([room.liveState(), room.showMediaAccess(null)]);
  return { live: state.live, showKind: access === 'closed' ? 'private' : null };
}

/** Whether `key` is some live room's current thumbnail: only those are served. */
export async function isCurrentThumbnail(env: Pick<Env, 'DB'>, key: string): Promise<boolean> {
  const [row] = await database(env)
    .select({ key: liveRooms.thumbnailKey })
    .from(liveRooms)
    .where(eq(liveRooms.thumbnailKey, key))
    .limit(1);
  return row !== undefined;
}
