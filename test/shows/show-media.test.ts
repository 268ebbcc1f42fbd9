import { describe, expect, it } from 'vitest';
import { onAir, watch, watching } from '../media/fixtures.ts';
import { newViewer, RoomSocket } from '../room/room-socket.ts';
import { accepted, setShows, startPrivate, write } from './show-helpers.ts';

/** A room on camera taking private shows, with a paying fan and a public viewer (each with a socket). */
async function showOnAir() {
  const room = await onAir();
  expect((await setShows(room.performer)).status).toBe(200);
  const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
  const fan = await newViewer(1_000);
  const { socket } = await RoomSocket.join(room.handle, fan.browser);
  const publicViewer = await newViewer(1_000);
  const { socket: publicSocket } = await RoomSocket.join(room.handle, publicViewer.browser);
  return { ...room, studio, fan, socket, publicViewer, publicSocket };
}

describe('media during a paid show', () => {
  it('lets only the show’s viewer and spies pull the performer’s tracks, and everyone again once it ends', async () => {
    const { handle, studio, fan, socket, publicViewer, publicSocket } = await showOnAir();
    const before = await watching(publicViewer.browser, handle);
    const showId = await startPrivate(socket, studio);
    const event = await publicSocket.waitForEvents('shows');
    expect(event[0]?.current).toMatchObject({ id: showId, kind: 'private', phase: 'running' });
    expect((await watch(publicViewer.browser, handle)).status).toBe(403);
    expect((await watch(fan.browser, handle)).status).toBe(201);
    // The public viewer's session from before the show may not go on either.
    const video = before.tracks.find((t) => t.kind === 'video')!;
    const layer = { token: before.token, layer: 'l', mid: video.mid, track: video.name };
    const path = `/api/live/${handle}/sessions/${before.sessionId}/layer`;
    expect((await publicViewer.browser.fetch(path, { method: 'PUT', json: layer })).status).toBe(403);
    accepted(await write(publicSocket, { type: 'show.spy', showId }));
    expect((await watch(publicViewer.browser, handle)).status).toBe(201);
    const anon = await newViewer();
    expect((await watch(anon.browser, handle)).status).toBe(403);
    accepted(await write(studio, { type: 'show.end', showId }));
    await publicSocket.waitForEvents('shows', 2);
    expect((await watch(anon.browser, handle)).status).toBe(201);
  });
});
