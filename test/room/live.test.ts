import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LiveRoomsResponse, LiveState } from '../../wire/live.ts';
import { Browser, errorOf } from '../client.ts';
import { drained, newRoom, newViewer, RoomSocket } from './room-socket.ts';

async function verifiedRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  return room;
}

const goLive = (performer: Browser, body: unknown) => performer.post('/api/studio/live', body);
const directory = async () => ((await (await new Browser().fetch('/api/rooms')).json()) as LiveRoomsResponse).rooms;

describe('going live', () => {
  it('puts the room in the directory with its title, tags and viewers, and in the snapshot', async () => {
    const { handle, performer } = await verifiedRoom();
    const viewers = await Promise.all([newViewer(), newViewer()]);
    await Promise.all(viewers.map((v) => RoomSocket.join(handle, v.browser)));
    await drained(handle);
    const response = await goLive(performer, { title: 'Late-night requests', tags: ['Music', 'music', 'requests'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      live: true,
      title: 'Late-night requests',
      tags: ['music', 'requests'],
      viewers: 2,
    } satisfies Partial<LiveState>);
    expect((await directory()).find((r) => r.handle === handle)).toMatchObject({
      title: 'Late-night requests',
      tags: ['music', 'requests'],
      viewers: 2,
    });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot).toMatchObject({ live: true, title: 'Late-night requests' });
  });

  it('leaves the directory when the performer ends the show', async () => {
    const { handle, performer } = await verifiedRoom();
    await goLive(performer, { title: 'Short one' });
    const ended = await performer.fetch('/api/studio/live', { method: 'DELETE' });
    expect(await ended.json()).toMatchObject({ live: false, title: '' });
    expect((await directory()).some((r) => r.handle === handle)).toBe(false);
    expect((await RoomSocket.join(handle)).welcome.snapshot.live).toBe(false);
  });

  it('lists live rooms by viewers, most first', async () => {
    const quiet = await verifiedRoom();
    const busy = await verifiedRoom();
    await goLive(quiet.performer, { title: 'Quiet' });
    const fans = await Promise.all([newViewer(), newViewer(), newViewer()]);
    await Promise.all(fans.map((f) => RoomSocket.join(busy.handle, f.browser)));
    await drained(busy.handle);
    await goLive(busy.performer, { title: 'Busy' });
    const order = (await directory()).map((r) => r.handle).filter((h) => h === quiet.handle || h === busy.handle);
    expect(order).toEqual([busy.handle, quiet.handle]);
  });

  it('is refused before identity verification, to viewers, and when signed out; nothing is listed', async () => {
    const { handle, performer } = await newRoom();
    expect(await errorOf(await goLive(performer, { title: 'Too soon' }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    const viewer = await newViewer();
    expect(await errorOf(await goLive(viewer.browser, { title: 'Not mine' }))).toMatchObject({ status: 403 });
    expect(await errorOf(await goLive(new Browser(), { title: 'Nobody' }))).toMatchObject({ status: 401 });
    expect((await directory()).some((r) => r.handle === handle)).toBe(false);
  });

  it('refuses an empty title', async () => {
    const { performer } = await verifiedRoom();
    expect(await errorOf(await goLive(performer, { title: '  ' }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('tells everyone in the room when the show starts and ends', async () => {
    const { handle, performer } = await verifiedRoom();
    const { socket } = await RoomSocket.join(handle);
    const showEvent = (live: boolean) =>
      socket.next('events', (m) => m.events.some((e) => e.event.kind === 'show' && e.event.live === live));
    await goLive(performer, { title: 'Cello loops', tags: ['music'] });
    const started = await showEvent(true);
    expect(started.events.find((e) => e.event.kind === 'show')?.event).toEqual({
      kind: 'show',
      live: true,
      title: 'Cello loops',
      tags: ['music'],
    });
    await performer.fetch('/api/studio/live', { method: 'DELETE' });
    await showEvent(false);
  });
});
