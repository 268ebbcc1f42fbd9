import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse } from '../wire/directory.ts';
import { THUMBNAIL_MAX_BYTES, thumbnailAllowed } from '../wire/thumbnails.ts';
import { clearThumbnail } from '../workers/rooms/thumbnails.ts';
import { Browser, errorOf, signedUp } from './client.ts';
import { liveRoom, newRoom } from './room/room-socket.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const upload = (browser: Browser, handle: string, body: Uint8Array, type = 'image/jpeg') =>
  browser.fetch(`/api/rooms/${handle}/thumbnail`, { method: 'PUT', body, headers: { 'Content-Type': type } });

async function listedThumbnail(handle: string): Promise<string | null | undefined> {
  const found = (await (await new Browser().fetch(`/api/rooms?q=${handle}`)).json()) as DirectoryResponse;
  return found.rooms.find((r) => r.handle === handle)?.thumbnailUrl;
}

async function thumbnailKeys(): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: 'thumbnails/' })).objects.map((o) => o.key);
}

describe('stream thumbnails', () => {
  it('are taken only during a live public show', () => {
    expect(thumbnailAllowed({ live: true })).toBe(true);
    expect(thumbnailAllowed({ live: true, showKind: 'public' })).toBe(true);
    expect(thumbnailAllowed({ live: false })).toBe(false);
    expect(thumbnailAllowed({ live: true, showKind: 'private' })).toBe(false);
    expect(thumbnailAllowed({ live: true, showKind: 'group' })).toBe(false);
  });

  it('appear on the live card and are served cached, with an ETag, and the old one goes', async () => {
    const room = await liveRoom();
    expect(await listedThumbnail(room.handle)).toBeNull();
    expect((await upload(room.performer, room.handle, JPEG)).status).toBe(204);
    const first = await listedThumbnail(room.handle);
    expect(first).toMatch(/^\/media\/thumbnails\/[0-9a-f-]{36}\.jpg$/);

    const served = await new Browser().fetch(first ?? '');
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(JPEG);
    const etag = served.headers.get('ETag') ?? '';
    expect(etag).not.toBe('');
    expect((await new Browser().fetch(first ?? '', { headers: { 'If-None-Match': etag } })).status).toBe(304);

    expect((await upload(room.performer, room.handle, JPEG)).status).toBe(204);
    const second = await listedThumbnail(room.handle);
    expect(second).not.toBe(first);
    expect((await new Browser().fetch(first ?? '')).status).toBe(404);
    expect(await thumbnailKeys()).not.toContain(first?.slice('/media/'.length));
  });

  it('are refused to anyone but the room’s performer, and to a stranger signed out', async () => {
    const room = await liveRoom();
    const other = await liveRoom();
    const { browser: viewer } = await signedUp();
    expect(await errorOf(await upload(new Browser(), room.handle, JPEG))).toMatchObject({ status: 401 });
    expect(await errorOf(await upload(viewer, room.handle, JPEG))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await upload(other.performer, room.handle, JPEG))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(
      await errorOf(await upload(room.performer, `nobody_${crypto.randomUUID().slice(0, 6)}`, JPEG)),
    ).toMatchObject({ status: 404 });
    expect(await listedThumbnail(room.handle)).toBeNull();
  });

  it('must be a small JPEG, judged by its bytes', async () => {
    const room = await liveRoom();
    const before = await thumbnailKeys();
    expect(await errorOf(await upload(room.performer, room.handle, PNG))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await errorOf(await upload(room.performer, room.handle, PNG, 'image/png'))).toMatchObject({ status: 415 });
    const huge = new Uint8Array(THUMBNAIL_MAX_BYTES + 1);
    huge.set(JPEG);
    expect(await errorOf(await upload(room.performer, room.handle, huge))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(await errorOf(await upload(room.performer, room.handle, new Uint8Array()))).toMatchObject({ status: 400 });
    expect(await thumbnailKeys()).toEqual(before);
    expect(await listedThumbnail(room.handle)).toBeNull();
  });

  it('are refused while offline, and going offline takes the last one down', async () => {
    const offline = await newRoom();
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(offline.performerId)
      .run();
    expect(await errorOf(await upload(offline.performer, offline.handle, JPEG))).toMatchObject({
      status: 409,
      code: 'NOT_LIVE',
    });

    const room = await liveRoom();
    expect((await upload(room.performer, room.handle, JPEG)).status).toBe(204);
    const url = (await listedThumbnail(room.handle)) ?? '';
    expect((await room.performer.fetch('/api/studio/live', { method: 'DELETE' })).status).toBe(200);
    expect((await new Browser().fetch(url)).status).toBe(404);
    expect(await thumbnailKeys()).not.toContain(url.slice('/media/'.length));
  });

  it('stop being served the moment a show that is not public clears them', async () => {
    const room = await liveRoom();
    expect((await upload(room.performer, room.handle, JPEG)).status).toBe(204);
    const url = (await listedThumbnail(room.handle)) ?? '';
    await clearThumbnail(env, room.performerId);
    expect(await listedThumbnail(room.handle)).toBeNull();
    expect((await new Browser().fetch(url)).status).toBe(404);
  });

  it('land once each when many are sent at once, leaving one current picture', async () => {
    const room = await liveRoom();
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(room.performer, room.handle, JPEG)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(204));
    const url = (await listedThumbnail(room.handle)) ?? '';
    expect((await new Browser().fetch(url)).status).toBe(200);
    // Every stored thumbnail is some live room's current one: the racing uploads left nothing behind.
    const current = await env.DB.prepare(
      'select thumbnail_key as key from live_rooms where thumbnail_key is not null',
    ).all<{ key: string }>();
    expect((await thumbnailKeys()).sort()).toEqual(current.results.map((r) => r.key).sort());
  });
});
