// The dev SFU speaks the Realtime API and really forwards media: werift peers in Node publish
// synthetic VP8 and Opus, other sessions pull them, and the packets arrive. No browser needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { type DevSfuHandle, startDevSfu } from '../../dev/sfu/server.ts';
import { DevSfu } from '../../dev/sfu/sfu.ts';
import { FakeSource, loopbackPeer, Sink, until } from './werift-peer.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped SFU answers; the expectations check their shape
type Json = Record<string, any>;
let sfu: DevSfuHandle;
const peers: RTCPeerConnection[] = [];
const sources: FakeSource[] = [];

beforeAll(async () => {
  sfu = await startDevSfu();
});
afterAll(async () => {
  for (const source of sources) source.stop();
  await Promise.all(peers.map((p) => p.close()));
  await sfu.close();
});

async function api(
  method: string,
  path: string,
  body?: unknown,
  secret = sfu.appSecret,
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${sfu.url}/apps/${sfu.appId}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

/** A publisher session sending the given kinds as tracks named after them. */
async function publisher(kinds: ('audio' | 'video')[]) {
  const pc = loopbackPeer();
  peers.push(pc);
  const published = kinds.map((kind) => {
    const source = new FakeSource(kind);
    sources.push(source);
    const transceiver = pc.addTransceiver(source.track, { direction: 'sendonly' });
    source.watch(transceiver);
    return { kind, source, transceiver };
  });
  await pc.setLocalDescription(await pc.createOffer());
  const created = await api('POST', '/sessions/new');
  expect(created.status).toBe(201);
  const sessionId = created.json.sessionId as string;
  const tracks = published.map((p) => ({ location: 'local', mid: p.transceiver.mid, trackName: p.kind }));
  const added = await api('POST', `/sessions/${sessionId}/tracks/new`, {
    sessionDescription: pc.localDescription,
    tracks,
  });
  expect(added.status).toBe(200);
  expect(added.json.requiresImmediateRenegotiation).toBe(false);
  expect(added.json.tracks.map((t: Json) => t.errorCode)).toEqual(kinds.map(() => undefined));
  await pc.setRemoteDescription(added.json.sessionDescription);
  await pc.connectionStateChange.watch((s) => s === 'connected', 15_000);
  return { pc, sessionId, sources: Object.fromEntries(published.map((p) => [p.kind, p.source])) };
}

/** A viewer session: pulls tracks (SFU offers), answers through renegotiate, counts packets per mid. */
async function viewer() {
  const pc = loopbackPeer();
  peers.push(pc);
  const sinks = new Map<string, Sink>();
  pc.onTrack.subscribe((track) => {
    const transceiver = pc
      .getTransceivers()
      .find((t) => t.receiver.track === track || t.receiver.tracks.includes(track));
    sinks.set(transceiver?.mid ?? '', new Sink(track));
  });
  const created = await api('POST', '/sessions/new');
  const sessionId = created.json.sessionId as string;
  const pull = async (tracks: Json[]) => {
    const added = await api('POST', `/sessions/${sessionId}/tracks/new`, { tracks });
    expect(added.status).toBe(200);
    if (added.json.requiresImmediateRenegotiation) await answer(added.json.sessionDescription);
    return added.json;
  };
  const answer = async (offer: Json) => {
    await pc.setRemoteDescription(offer as { type: 'offer'; sdp: string });
    await pc.setLocalDescription(await pc.createAnswer());
    const renegotiated = await api('PUT', `/sessions/${sessionId}/renegotiate`, {
      sessionDescription: pc.localDescription,
    });
    expect(renegotiated.status).toBe(200);
  };
  return { pc, sessionId, sinks, pull, answer };
}

describe('dev SFU', () => {
  it('forwards a published video track to a viewer, asking the publisher for a keyframe', async () => {
    const pub = await publisher(['video']);
    const view = await viewer();
    const pulled = await view.pull([{ location: 'remote', sessionId: pub.sessionId, trackName: 'video' }]);
    expect(pulled.requiresImmediateRenegotiation).toBe(true);
    expect(pulled.sessionDescription.type).toBe('offer');
    const mid = pulled.tracks[0].mid as string;
    expect(pulled.tracks[0]).toMatchObject({ location: 'remote', sessionId: pub.sessionId, trackName: 'video', mid });
    await view.pc.connectionStateChange.watch((s) => s === 'connected', 15_000);

    await until(() => (view.sinks.get(mid)?.packets ?? 0) > 20, 'video packets at the viewer');
    expect(view.sinks.get(mid)!.keyframes).toBeGreaterThan(0);
    expect(pub.sources.video!.plis).toBeGreaterThan(0);

    const state = await api('GET', `/sessions/${view.sessionId}`);
    expect(state.json.tracks).toEqual([
      { location: 'remote', mid, trackName: 'video', sessionId: pub.sessionId, status: 'active' },
    ]);
    const published = await api('GET', `/sessions/${pub.sessionId}`);
    expect(published.json.tracks).toEqual([{ location: 'local', mid: '0', trackName: 'video', status: 'active' }]);
    const stats = (await (await fetch(`${sfu.url}/dev/stats`)).json()) as Json;
    expect(stats.publishedTracks).toBeGreaterThanOrEqual(1);
    expect(stats.memory.rss).toBeGreaterThan(0);
    expect(stats.cpu.userMicros).toBeGreaterThan(0);
  });

  it('adds a second track to a connected viewer by renegotiating, and closes one', async () => {
    const pub = await publisher(['video', 'audio']);
    const view = await viewer();
    const first = await view.pull([{ location: 'remote', sessionId: pub.sessionId, trackName: 'video' }]);
    await view.pc.connectionStateChange.watch((s) => s === 'connected', 15_000);
    const second = await view.pull([{ location: 'remote', sessionId: pub.sessionId, trackName: 'audio' }]);
    const videoMid = first.tracks[0].mid as string;
    const audioMid = second.tracks[0].mid as string;
    expect(audioMid).not.toBe(videoMid);
    await until(
      () => (view.sinks.get(audioMid)?.packets ?? 0) > 20 && (view.sinks.get(videoMid)?.packets ?? 0) > 20,
      'audio and video packets',
    );

    const closed = await api('PUT', `/sessions/${view.sessionId}/tracks/close`, {
      tracks: [{ mid: audioMid }],
      force: false,
    });
    expect(closed.status).toBe(200);
    expect(closed.json.requiresImmediateRenegotiation).toBe(true);
    expect(closed.json.tracks).toEqual([{ mid: audioMid }]);
    await view.answer(closed.json.sessionDescription);
    const state = await api('GET', `/sessions/${view.sessionId}`);
    expect(state.json.tracks.map((t: Json) => t.trackName)).toEqual(['video']);

    // The publisher ends its video: the viewer's track turns inactive.
    const ended = await api('PUT', `/sessions/${pub.sessionId}/tracks/close`, { tracks: [{ mid: '0' }], force: true });
    expect(ended.json).toMatchObject({ requiresImmediateRenegotiation: false, tracks: [{ mid: '0' }] });
    const after = await api('GET', `/sessions/${view.sessionId}`);
    expect(after.json.tracks[0].status).toBe('inactive');
  });

  it('answers per-track errors for an unpublished track, an unknown session, a codec it does not forward', async () => {
    const pub = await publisher(['audio']);
    const view = await viewer();
    const response = await api('POST', `/sessions/${view.sessionId}/tracks/new`, {
      tracks: [
        { location: 'remote', sessionId: pub.sessionId, trackName: 'no-such-track' },
        { location: 'remote', sessionId: 'f'.repeat(32), trackName: 'audio' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.json.requiresImmediateRenegotiation).toBe(false);
    for (const track of response.json.tracks) {
      expect(track.errorCode).toBe('not_found');
      expect(track.errorDescription).toEqual(expect.any(String));
    }

    // A publisher offering only a codec the SFU does not forward gets a per-track error.
    const h264 = loopbackPeer();
    peers.push(h264);
    const transceiver = h264.addTransceiver('video', { direction: 'sendonly' });
    await h264.setLocalDescription(await h264.createOffer());
    const sdp = h264.localDescription!.sdp.replace(/VP8\/90000/g, 'H264/90000');
    const session = (await api('POST', '/sessions/new')).json.sessionId as string;
    const refused = await api('POST', `/sessions/${session}/tracks/new`, {
      sessionDescription: { type: 'offer', sdp },
      tracks: [{ location: 'local', mid: transceiver.mid, trackName: 'camera' }],
    });
    expect(refused.status).toBe(200);
    expect(refused.json.tracks[0]).toMatchObject({ mid: transceiver.mid, errorCode: 'not_supported' });
    expect((await api('GET', `/sessions/${session}`)).json.tracks).toEqual([]);
  });

  it('refuses calls without the app secret and answers 404 for an unknown session', async () => {
    const refused = await api('POST', '/sessions/new', undefined, 'wrong-secret');
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ errorCode: 'unauthorized', errorDescription: expect.any(String) });
    const bare = await fetch(`${sfu.url}/apps/${sfu.appId}/sessions/new`, { method: 'POST' });
    expect(bare.status).toBe(401);

    const missing = await api('GET', `/sessions/${'0'.repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ errorCode: 'not_found', errorDescription: expect.any(String) });
    const renegotiate = await api('PUT', `/sessions/${'0'.repeat(32)}/renegotiate`, {
      sessionDescription: { type: 'answer', sdp: 'v=0\r\n' },
    });
    expect(renegotiate.status).toBe(404);

    const created = await api('POST', '/sessions/new');
    const bad = await api('POST', `/sessions/${created.json.sessionId}/tracks/new`, { tracks: 'video' });
    expect(bad.status).toBe(400);
    expect(bad.json.errorCode).toBe('invalid_request');
  });

  it('drops a track that stops sending and sessions that go quiet, but keeps live viewers', async () => {
    const quick = await startDevSfu({ idleMs: 2500 });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${quick.url}/apps/${quick.appId}${path}`, {
        method,
        headers: { authorization: `Bearer ${quick.appSecret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Json };
    };
    const pc = loopbackPeer();
    const viewerPc = loopbackPeer();
    const video = new FakeSource('video');
    const audio = new FakeSource('audio');
    try {
      const transceivers = [video, audio].map((source) => pc.addTransceiver(source.track, { direction: 'sendonly' }));
      await pc.setLocalDescription(await pc.createOffer());
      const mids = transceivers.map((t) => t.mid);
      const publisherId = (await call('POST', '/sessions/new')).json.sessionId as string;
      const published = await call('POST', `/sessions/${publisherId}/tracks/new`, {
        sessionDescription: pc.localDescription,
        tracks: [
          { location: 'local', mid: mids[0], trackName: 'video' },
          { location: 'local', mid: mids[1], trackName: 'audio' },
        ],
      });
      await pc.setRemoteDescription(published.json.sessionDescription);

      const viewerId = (await call('POST', '/sessions/new')).json.sessionId as string;
      const pulled = await call('POST', `/sessions/${viewerId}/tracks/new`, {
        tracks: [{ location: 'remote', sessionId: publisherId, trackName: 'video' }],
      });
      await viewerPc.setRemoteDescription(pulled.json.sessionDescription);
      await viewerPc.setLocalDescription(await viewerPc.createAnswer());
      await call('PUT', `/sessions/${viewerId}/renegotiate`, { sessionDescription: viewerPc.localDescription });
      const abandonedId = (await call('POST', '/sessions/new')).json.sessionId as string;

      audio.stop();
      let names: string[] = [];
      await until(
        () => names.length === 1,
        'the silent audio track to be dropped',
        20_000,
        async () => {
          names = ((await call('GET', `/sessions/${publisherId}`)).json.tracks as Json[]).map((t) => t.trackName);
        },
      );
      expect(names).toEqual(['video']);
      // The abandoned session goes on its own clock (idleMs after its creation), which under load
      // can end after the audio track's, so it is awaited rather than assumed.
      let abandoned = 200;
      await until(
        () => abandoned === 404,
        'the abandoned session to go',
        20_000,
        async () => {
          abandoned = (await call('GET', `/sessions/${abandonedId}`)).status;
        },
      );
      // The connected viewer reports back (RTCP) and keeps its session well past the idle time: meanwhile a
      // session opened after the abandoned one went, with nothing said on it, goes quiet and is dropped too.
      const quietId = (await call('POST', '/sessions/new')).json.sessionId as string;
      let quiet = 200;
      await until(
        () => quiet === 404,
        'the quiet session to go',
        20_000,
        async () => {
          quiet = (await call('GET', `/sessions/${quietId}`)).status;
        },
      );
      expect((await call('GET', `/sessions/${viewerId}`)).status).toBe(200);

      video.stop();
      await viewerPc.close();
      let status = 200;
      await until(
        () => status === 404,
        'the closed viewer session to go',
        20_000,
        async () => {
          status = (await call('GET', `/sessions/${viewerId}`)).status;
        },
      );
    } finally {
      video.stop();
      audio.stop();
      await Promise.all([pc.close(), viewerPc.close()]);
      await quick.close();
    }
  });

  it('refuses a second change to a session while one is in progress (406)', async () => {
    const local = new DevSfu('127.0.0.1');
    try {
      const { sessionId } = await local.newSession(undefined);
      const first = local.addTracks(sessionId, { tracks: [{ location: 'remote', sessionId, trackName: 'x' }] });
      const second = local.addTracks(sessionId, { tracks: [] });
      await expect(second).rejects.toMatchObject({ status: 406, code: 'concurrent_request' });
      await first;
      await expect(local.addTracks(sessionId, { tracks: [] })).resolves.toMatchObject({
        requiresImmediateRenegotiation: false,
      });
    } finally {
      await local.close();
    }
  });
});
