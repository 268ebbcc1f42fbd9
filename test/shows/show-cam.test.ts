import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { PublishResponse, WatchResponse } from '../../wire/media.ts';
import type { ShowSettings } from '../../wire/shows.ts';
import { Browser } from '../client.ts';
import { onAir, publishBody } from '../media/fixtures.ts';
import { walletOf } from '../money/fixtures.ts';
import { later, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import {
  accepted,
  refusal,
  runShowJob,
  setShows,
  showEvents,
  startPrivate,
  waitForShowEvent,
  write,
} from './show-helpers.ts';

const MINUTE = 60_000;

/** A room on camera taking private shows with cam-to-cam at +6 a minute, a fan with a socket, and the studio's. */
async function camRoom(change: Partial<ShowSettings> = {}) {
  const room = await onAir();
  expect((await setShows(room.performer, { camToCam: true, camToCamRate: 6, ...change })).status).toBe(200);
  const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
  const fan = await newViewer(1_000);
  const { socket } = await RoomSocket.join(room.handle, fan.browser);
  return { ...room, studio, fan, socket };
}

const camPublish = (browser: Browser, handle: string, showId: string) =>
  browser.post(`/api/live/${handle}/shows/${showId}/cam/publish`, publishBody);
const camWatch = (browser: Browser, handle: string, showId: string) =>
  browser.post(`/api/live/${handle}/shows/${showId}/cam/watch`, {});

async function codeOf(response: Response): Promise<[number, string]> {
  return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
}

/** The fan's camera published and turned on in a running private show: what the studio may pull. */
async function camOn() {
  const room = await camRoom();
  const showId = await startPrivate(room.socket, room.studio);
  const published = await camPublish(room.fan.browser, room.handle, showId);
  expect(published.status).toBe(201);
  accepted(await write(room.socket, { type: 'show.cam', showId, on: true }));
  const media = await waitForShowEvent(room.studio, 'cam-media');
  return { ...room, showId, published: (await published.json()) as PublishResponse, publication: media.publication };
}

describe('cam-to-cam media', () => {
  it('lets only the paying viewer of a running private show with cam-to-cam publish a camera', async () => {
    const { handle, performer, studio, fan, socket } = await camRoom();
    expect(await codeOf(await camPublish(fan.browser, handle, 'no-such-show'))).toEqual([404, 'NOT_FOUND']);
    const showId = await startPrivate(socket, studio);
    const other = await newViewer(1_000);
    await RoomSocket.join(handle, other.browser);
    expect(await codeOf(await camPublish(other.browser, handle, showId))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(await camPublish(performer, handle, showId))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(await camPublish(new Browser(), handle, showId))).toEqual([401, 'UNAUTHENTICATED']);
    const mine = await camPublish(fan.browser, handle, showId);
    expect(mine.status).toBe(201);
    const body = (await mine.json()) as PublishResponse;
    expect(body.answer.type).toBe('answer');
    expect(body.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
  });

  it('refuses the viewer’s camera in a show whose performer does not allow cam-to-cam', async () => {
    const { handle, studio, fan, socket } = await camRoom({ camToCam: false });
    const showId = await startPrivate(socket, studio);
    expect(await codeOf(await camPublish(fan.browser, handle, showId))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await write(socket, { type: 'show.cam', showId, on: true }))).toBe('SHOWS_OFF');
  });

  it('lets only the show’s performer pull the viewer’s camera, and only once it is on', async () => {
    const { handle, performer, studio, fan, socket } = await camRoom({ spyRate: 6 });
    const showId = await startPrivate(socket, studio);
    expect((await camPublish(fan.browser, handle, showId)).status).toBe(201);
    // Published but not turned on: nobody pulls it, and nothing is billed for it.
    expect(await codeOf(await camWatch(performer, handle, showId))).toEqual([404, 'CAM_OFF']);
    accepted(await write(socket, { type: 'show.cam', showId, on: true }));
    const media = await waitForShowEvent(studio, 'cam-media');
    expect(media.publication).toMatch(/.+/);
    const spy = await newViewer(1_000);
    const { socket: spySocket } = await RoomSocket.join(handle, spy.browser);
    accepted(await write(spySocket, { type: 'show.spy', showId }));
    const other = await newViewer(1_000);
    for (const someone of [fan.browser, spy.browser, other.browser, new Browser()])
      expect(await codeOf(await camWatch(someone, handle, showId))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(await camPublish(spy.browser, handle, showId))).toEqual([403, 'FORBIDDEN']);
    const pulled = await camWatch(performer, handle, showId);
    expect(pulled.status).toBe(201);
    const body = (await pulled.json()) as WatchResponse;
    expect(body.offer.type).toBe('offer');
    expect(body.publication).toBe(media.publication);
    expect(body.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
    // The pull is of the viewer's camera only: it cannot be switched onto the room's own tracks.
    const video = body.tracks.find((t) => t.kind === 'video')!;
    const layer = await performer.fetch(`/api/live/${handle}/sessions/${body.sessionId}/layer`, {
      method: 'PUT',
      json: { token: body.token, layer: 'l', mid: video.mid, track: video.name },
    });
    expect(await codeOf(layer)).toEqual([403, 'FORBIDDEN']);
  });

  it('forgets the camera when the viewer turns it off: pulls and renegotiations are refused', async () => {
    const { handle, performer, studio, socket, showId } = await camOn();
    const pull = (await (await camWatch(performer, handle, showId)).json()) as WatchResponse;
    const renegotiate = () =>
      performer.fetch(`/api/live/${handle}/sessions/${pull.sessionId}/renegotiate`, {
        method: 'PUT',
        json: { token: pull.token, answer: { type: 'answer', sdp: 'v=0 not an answer' } },
      });
    // Held by the Room: the call reaches the SFU (which finds fault with this answer, not with the caller).
    expect((await renegotiate()).status).not.toBe(403);
    accepted(await write(socket, { type: 'show.cam', showId, on: false }));
    expect((await waitForShowEvent(studio, 'cam-media', 2)).publication).toBeNull();
    expect(await codeOf(await camWatch(performer, handle, showId))).toEqual([404, 'CAM_OFF']);
    expect(await codeOf(await renegotiate())).toEqual([403, 'FORBIDDEN']);
    // Turned on again without publishing again: still nothing to pull.
    accepted(await write(socket, { type: 'show.cam', showId, on: true }));
    expect(await codeOf(await camWatch(performer, handle, showId))).toEqual([404, 'CAM_OFF']);
  });

  it('forgets the camera when the show ends, and refuses a camera published after', async () => {
    const { handle, performer, studio, fan, showId } = await camOn();
    const pull = (await (await camWatch(performer, handle, showId)).json()) as WatchResponse;
    accepted(await write(studio, { type: 'show.end', showId }));
    expect((await waitForShowEvent(studio, 'cam-media', 2)).publication).toBeNull();
    expect(await codeOf(await camWatch(performer, handle, showId))).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf(await camPublish(fan.browser, handle, showId))).toEqual([404, 'NOT_FOUND']);
    const renegotiated = await performer.fetch(`/api/live/${handle}/sessions/${pull.sessionId}/renegotiate`, {
      method: 'PUT',
      json: { token: pull.token, answer: { type: 'answer', sdp: 'v=0 not an answer' } },
    });
    expect(await codeOf(renegotiated)).toEqual([403, 'FORBIDDEN']);
  });

  it('forgets the camera the viewer’s page closed', async () => {
    const { handle, performer, studio, fan, showId, published } = await camOn();
    const closed = await fan.browser.post(`/api/live/${handle}/sessions/${published.sessionId}/close`, {
      token: published.token,
      mids: published.tracks.map((t) => t.mid),
    });
    expect(closed.status).toBe(204);
    expect((await waitForShowEvent(studio, 'cam-media', 2)).publication).toBeNull();
    expect(await codeOf(await camWatch(performer, handle, showId))).toEqual([404, 'CAM_OFF']);
  });

  it('keeps one camera when the viewer’s page publishes many at once, the last the Room heard', async () => {
    const { handle, performer, studio, fan, socket } = await camRoom();
    const showId = await startPrivate(socket, studio);
    accepted(await write(socket, { type: 'show.cam', showId, on: true }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => camPublish(fan.browser, handle, showId)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const publications = await Promise.all(answers.map(async (r) => ((await r.json()) as PublishResponse).publication));
    const told = await waitForShowEvent(studio, 'cam-media', 5);
    const pulled = (await (await camWatch(performer, handle, showId)).json()) as WatchResponse;
    expect(publications).toContain(pulled.publication);
    expect(pulled.publication).toBe(told.publication);
  });

  it('keeps the viewer’s camera across an eviction of the Room', async () => {
    const { handle, performer, showId, publication } = await camOn();
    await evictDurableObject(roomStub(handle));
    const pulled = await camWatch(performer, handle, showId);
    expect(pulled.status).toBe(201);
    expect(((await pulled.json()) as WatchResponse).publication).toBe(publication);
  });

  it('tells a studio that opens mid-show which camera to pull', async () => {
    const { handle, performer, publication } = await camOn();
    const { welcome } = await RoomSocket.join(handle, performer);
    expect(welcome.snapshot.shows.seats[0]).toMatchObject({ camOn: true, camPublication: publication });
  });

  it('adds the cam rate to each minute charged while the camera is on, from the next minute', async () => {
    const { handle, studio, fan, socket } = await camRoom();
    const showId = await startPrivate(socket, studio);
    expect(await walletOf(fan.userId)).toBe(990);
    accepted(await write(socket, { type: 'show.cam', showId, on: true }));
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(974);
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(958);
    accepted(await write(socket, { type: 'show.cam', showId, on: false }));
    await later(handle, MINUTE);
    await runShowJob(handle);
    expect(await walletOf(fan.userId)).toBe(948);
    expect(showEvents(socket, 'minute').map((e) => e.seat.tally.tokens)).toEqual([10, 26, 42, 52]);
  });
});
