import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import type { IceServers, WatchResponse } from '../../wire/media.ts';
import { Browser, errorOf } from '../client.ts';
import { newRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import { approvedRoom, onAir, publish, watch, watching } from './fixtures.ts';

describe('publishing a room’s camera', () => {
  it('answers the performer’s offer and tells viewers which tracks are on air', async () => {
    const room = await approvedRoom();
    const { socket } = await RoomSocket.join(room.handle);
    await room.performer.post('/api/studio/live', { title: 'Camera test' });
    const response = await publish(room.performer, room.handle);
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      answer: { type: string; sdp: string };
      tracks: { mid: string; kind: string; name: string }[];
      publication: string;
    };
    expect(body.answer.type).toBe('answer');
    expect(body.answer.sdp).toContain('m=video');
    expect(body.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
    const [event] = await socket.waitForEvents('media');
    expect(event?.media).toEqual({
      publication: body.publication,
      tracks: body.tracks.map((t) => ({ name: t.name, kind: t.kind })),
    });
    const { welcome } = await RoomSocket.join(room.handle);
    expect(welcome.snapshot.media.tracks).toHaveLength(2);
  });

  it('is refused to a viewer (403)', async () => {
    const room = await approvedRoom();
    await room.performer.post('/api/studio/live', { title: 'Mine' });
    const viewer = await newViewer();
    expect(await errorOf(await publish(viewer.browser, room.handle))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await publish(new Browser(), room.handle))).toMatchObject({ status: 401 });
  });

  it('is refused to a performer in another performer’s room (403)', async () => {
    const mine = await approvedRoom();
    const theirs = await approvedRoom();
    await theirs.performer.post('/api/studio/live', { title: 'Theirs' });
    expect(await errorOf(await publish(mine.performer, theirs.handle))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'You can only broadcast into your own room',
    });
    const { welcome } = await RoomSocket.join(theirs.handle);
    expect(welcome.snapshot.media.tracks).toEqual([]);
  });

  it('is refused to a performer whose identity verification is not approved', async () => {
    const room = await newRoom();
    expect(await errorOf(await publish(room.performer, room.handle))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/verification/),
    });
  });

  it('waits until the show is live', async () => {
    const room = await approvedRoom();
    expect(await errorOf(await publish(room.performer, room.handle))).toMatchObject({ status: 409, code: 'NOT_LIVE' });
  });

  it('refuses a malformed offer before it reaches the media server', async () => {
    const room = await approvedRoom();
    await room.performer.post('/api/studio/live', { title: 'Bad offer' });
    const response = await publish(room.performer, room.handle, { offer: { type: 'answer', sdp: 'x' }, tracks: [] });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('watching a room', () => {
  it('gives a viewer the media server’s offer for exactly the tracks on air', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    const watched = await watching(viewer.browser, room.handle);
    expect(watched.offer.type).toBe('offer');
    expect(watched.tracks.map((t) => t.name).sort()).toEqual(room.published.tracks.map((t) => t.name).sort());
    expect(watched.publication).toBe(room.published.publication);
    // Signed-out viewers may watch too, as they may open the room.
    expect((await watch(new Browser(), room.handle)).status).toBe(201);
  });

  it('is refused when nothing is on air', async () => {
    const room = await approvedRoom();
    await room.performer.post('/api/studio/live', { title: 'No camera yet' });
    expect(await errorOf(await watch(new Browser(), room.handle))).toMatchObject({ status: 404, code: 'NOT_LIVE' });
    expect(await errorOf(await watch(new Browser(), 'nobody_here'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('is refused to a viewer banned from the room', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    await runInDurableObject(roomStub(room.handle), (_: Room, state) => {
      state.storage.sql.exec(
        "insert into restrictions (user_id, handle, display_name, kind, until, at) values (?, ?, ?, 'banned', null, ?)",
        viewer.userId,
        viewer.handle,
        viewer.displayName,
        Date.now(),
      );
    });
    expect(await errorOf(await watch(viewer.browser, room.handle))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'You are banned from this room',
    });
    expect((await watch((await newViewer()).browser, room.handle)).status).toBe(201);
  });

  it('is refused from a place the performer blocks', async () => {
    const room = await onAir();
    await env.DB.prepare('update performer_profiles set blocked_regions = ? where user_id = ?')
      .bind(JSON.stringify(['DE']), room.performerId)
      .run();
    const response = await new Browser().fetch(`/api/live/${room.handle}/watch`, {
      method: 'POST',
      json: {},
      headers: { 'X-Encore-Test-Country': 'DE' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 404 });
  });

  it('names the track when the media server refuses one', async () => {
    const room = await onAir();
    // The Room points at a track the SFU never had (as after an SFU restart).
    await roomStub(room.handle).startMedia(
      { handle: room.handle, performerId: room.performerId },
      {
        sessionId: room.published.sessionId,
        publication: 'gone',
        tracks: [{ name: 'video-gone', kind: 'video' }],
        since: Date.now(),
      },
    );
    const failure = await errorOf(await watch(new Browser(), room.handle));
    expect(failure).toMatchObject({ status: 502, code: 'MEDIA_REFUSED' });
    expect(failure.message).toContain('video-gone');
  });

  it('switches layers and closes only with the token it was given', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    const watched = await watching(viewer.browser, room.handle);
    const video = watched.tracks.find((t) => t.kind === 'video')!;
    const path = `/api/live/${room.handle}/sessions/${watched.sessionId}`;
    const layer = { token: watched.token, layer: 'l', mid: video.mid, track: video.name };
    expect((await viewer.browser.fetch(`${path}/layer`, { method: 'PUT', json: layer })).status).toBe(204);
    const other = await newViewer();
    expect(await errorOf(await other.browser.fetch(`${path}/layer`, { method: 'PUT', json: layer }))).toMatchObject({
      status: 403,
    });
    const forged = { ...layer, token: `${watched.token.split('.')[0]}.AAAA` };
    expect(await errorOf(await viewer.browser.fetch(`${path}/layer`, { method: 'PUT', json: forged }))).toMatchObject({
      status: 403,
    });
    expect(
      (await viewer.browser.post(`${path}/close`, { token: watched.token, mids: watched.tracks.map((t) => t.mid) }))
        .status,
    ).toBe(204);
  });
});

describe('going off air', () => {
  it('tells viewers when the performer ends the show, and refuses new pulls', async () => {
    const room = await onAir();
    const { socket } = await RoomSocket.join(room.handle);
    expect((await room.performer.fetch('/api/studio/live', { method: 'DELETE' })).status).toBe(200);
    const events = await socket.waitForEvents('media');
    expect(events.at(-1)?.media).toEqual({ publication: null, tracks: [] });
    expect(await errorOf(await watch(new Browser(), room.handle))).toMatchObject({ status: 404, code: 'NOT_LIVE' });
  });

  it('takes the video off air when the performer’s page closes its session', async () => {
    const room = await onAir();
    const { socket } = await RoomSocket.join(room.handle);
    const { sessionId, token, tracks } = room.published;
    const close = await room.performer.post(`/api/live/${room.handle}/sessions/${sessionId}/close`, {
      token,
      mids: tracks.map((t) => t.mid),
    });
    expect(close.status).toBe(204);
    expect((await socket.waitForEvents('media')).at(-1)?.media.tracks).toEqual([]);
  });
});

describe('the app secret', () => {
  it('appears in no response', async () => {
    const secret = (env as Env & { REALTIME_APP_SECRET: string }).REALTIME_APP_SECRET;
    expect(secret.length).toBeGreaterThan(10);
    const room = await onAir();
    const viewer = await newViewer();
    const texts: string[] = [JSON.stringify(room.published)];
    const watched = await watch(viewer.browser, room.handle);
    texts.push(await watched.text());
    const { sessionId, token } = JSON.parse(texts[1]!) as WatchResponse;
    texts.push(
      await (
        await viewer.browser.fetch(`/api/live/${room.handle}/sessions/${sessionId}/renegotiate`, {
          method: 'PUT',
          json: { token, answer: { type: 'answer', sdp: 'v=0 not an answer' } },
        })
      ).text(),
    );
    texts.push(await (await new Browser().fetch('/api/live/ice-servers')).text());
    texts.push(await (await new Browser().fetch('/api/openapi.json')).text());
    for (const text of texts) expect(text).not.toContain(secret);
  });

  it('is not needed by the page: the dev SFU gets no ICE servers', async () => {
    const body = (await (await new Browser().fetch('/api/live/ice-servers')).json()) as IceServers;
    expect(body).toEqual({ iceServers: [] });
  });
});
