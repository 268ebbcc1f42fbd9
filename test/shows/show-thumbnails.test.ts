import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse } from '../../wire/directory.ts';
import { Browser, errorOf } from '../client.ts';
import { newViewer, RoomSocket } from '../room/room-socket.ts';
import { accepted, showRoom, startPrivate, write } from './show-helpers.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

const upload = (browser: Browser, handle: string) =>
  browser.fetch(`/api/rooms/${handle}/thumbnail`, {
    method: 'PUT',
    body: JPEG,
    headers: { 'Content-Type': 'image/jpeg' },
  });

async function listedThumbnail(handle: string): Promise<string | null | undefined> {
  const found = (await (await new Browser().fetch(`/api/rooms?q=${handle}`)).json()) as DirectoryResponse;
  return found.rooms.find((r) => r.handle === handle)?.thumbnailUrl;
}

const stored = async (url: string | null | undefined) =>
  url ? (await env.MEDIA.head(url.slice('/media/'.length))) !== null : false;

describe('thumbnails during a paid show', () => {
  it('drop the public one when a private show starts, refuse new ones while it runs, allow them after', async () => {
    const { handle, performer, performerSocket, socket } = await showRoom();
    expect((await upload(performer, handle)).status).toBe(204);
    const before = await listedThumbnail(handle);
    expect(await stored(before)).toBe(true);
    const showId = await startPrivate(socket, performerSocket);
    expect(await listedThumbnail(handle)).toBeNull();
    expect(await stored(before)).toBe(false);
    expect(await errorOf(await upload(performer, handle))).toMatchObject({ status: 409, code: 'SHOW_NOT_PUBLIC' });
    expect(await listedThumbnail(handle)).toBeNull();
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect((await upload(performer, handle)).status).toBe(204);
    expect(await stored(await listedThumbnail(handle))).toBe(true);
  });

  it('are taken while a group show is only announced, and refused once it runs', async () => {
    const { handle, performer, performerSocket } = await showRoom({ groupMinimum: 2 });
    const announced = accepted(await write(performerSocket, { type: 'group.announce', title: 'Party' }));
    const showId = announced.shows.current!.id;
    expect((await upload(performer, handle)).status).toBe(204);
    for (const viewer of [await newViewer(100), await newViewer(100)]) {
      const { socket } = await RoomSocket.join(handle, viewer.browser);
      accepted(await write(socket, { type: 'group.reserve', showId }));
    }
    accepted(await write(performerSocket, { type: 'group.start', showId }));
    expect(await listedThumbnail(handle)).toBeNull();
    expect(await errorOf(await upload(performer, handle))).toMatchObject({ status: 409, code: 'SHOW_NOT_PUBLIC' });
  });
});
