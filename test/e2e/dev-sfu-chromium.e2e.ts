// The dev SFU with real browsers: a Chromium page publishes the fake camera (VP8, two simulcast
// layers) and microphone through the Realtime API; another page pulls both and decodes frames
// and audio; asking for the low layer (tracks/update) switches the viewer to the smaller picture.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type DevSfuHandle, startDevSfu } from '../../dev/sfu/server.ts';
import { chromiumPath } from './chromium.ts';
import { storySteps } from './story.ts';

// biome-ignore lint/suspicious/noExplicitAny: untyped SFU answers; the expectations check their shape
type Json = Record<string, any>;
let sfu: DevSfuHandle;
let browser: Browser;
let site: Server;
let origin: string;

beforeAll(async () => {
  // A browser that stops its ICE checks counts as gone after 8 s here (15 s normally).
  sfu = await startDevSfu({ goneMs: 8000 });
  // getUserMedia needs a secure context: an http://127.0.0.1 page is one. The page talks to no
  // server; this test carries SDP between the pages and the SFU's API.
  site = createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dev SFU</title>'),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await sfu?.close();
  site?.close();
});

async function api(method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${sfu.url}/apps/${sfu.appId}${path}`, {
    method,
    headers: { authorization: `Bearer ${sfu.appSecret}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function publish(page: Page): Promise<{ sessionId: string }> {
  const { offer, videoMid, audioMid } = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
    const pc = new RTCPeerConnection();
    const video = pc.addTransceiver(stream.getVideoTracks()[0]!, {
      direction: 'sendonly',
      sendEncodings: [{ rid: 'h' }, { rid: 'l', scaleResolutionDownBy: 2 }],
    });
    const audio = pc.addTransceiver(stream.getAudioTracks()[0]!, { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    (window as unknown as { pc: RTCPeerConnection }).pc = pc;
    return { offer: pc.localDescription!.toJSON(), videoMid: video.mid, audioMid: audio.mid };
  });
  const { sessionId } = await api('POST', '/sessions/new');
  const added = await api('POST', `/sessions/${sessionId}/tracks/new`, {
    sessionDescription: offer,
    tracks: [
      { location: 'local', mid: videoMid, trackName: 'camera' },
      { location: 'local', mid: audioMid, trackName: 'microphone' },
    ],
  });
  expect(added.tracks.map((t: Json) => t.errorCode)).toEqual([undefined, undefined]);
  await page.evaluate(async (answer) => {
    const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
    await pc.setRemoteDescription(answer);
  }, added.sessionDescription);
  return { sessionId };
}

async function view(page: Page, publisherId: string): Promise<{ sessionId: string; videoMid: string }> {
  const { sessionId } = await api('POST', '/sessions/new');
  const pulled = await api('POST', `/sessions/${sessionId}/tracks/new`, {
    tracks: [
      { location: 'remote', sessionId: publisherId, trackName: 'camera' },
      { location: 'remote', sessionId: publisherId, trackName: 'microphone' },
    ],
  });
  expect(pulled.requiresImmediateRenegotiation).toBe(true);
  const answer = await page.evaluate(async (offer) => {
    const pc = new RTCPeerConnection();
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    document.body.append(video);
    const stream = new MediaStream();
    pc.ontrack = (event) => {
      stream.addTrack(event.track);
      video.srcObject = stream;
    };
    (window as unknown as { pc: RTCPeerConnection }).pc = pc;
    await pc.setRemoteDescription(offer);
    await pc.setLocalDescription(await pc.createAnswer());
    return pc.localDescription!.toJSON();
  }, pulled.sessionDescription);
  await api('PUT', `/sessions/${sessionId}/renegotiate`, { sessionDescription: answer });
  return { sessionId, videoMid: pulled.tracks[0].mid };
}

function inbound(page: Page): Promise<{ framesDecoded: number; frameWidth: number; audioPackets: number }> {
  return page.evaluate(async () => {
    const report = await (window as unknown as { pc: RTCPeerConnection }).pc.getStats();
    const result = { framesDecoded: 0, frameWidth: 0, audioPackets: 0 };
    report.forEach((stat: Record<string, number | string>) => {
      if (stat.type !== 'inbound-rtp') return;
      if (stat.kind === 'video') {
        result.framesDecoded = Number(stat.framesDecoded ?? 0);
        result.frameWidth = Number(stat.frameWidth ?? 0);
      } else result.audioPackets = Number(stat.packetsReceived ?? 0);
    });
    return result;
  });
}

/** The width the publisher currently sends each simulcast layer at. */
function layerWidths(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const report = await (window as unknown as { pc: RTCPeerConnection }).pc.getStats();
    const widths: Record<string, number> = {};
    report.forEach((stat: Record<string, number | string>) => {
      if (stat.type === 'outbound-rtp' && stat.kind === 'video' && stat.rid)
        widths[String(stat.rid)] = Number(stat.frameWidth ?? 0);
    });
    return widths;
  });
}

describe('dev SFU with Chromium', () => {
  // One story: a publishing page and a viewing page, through to the publisher leaving.
  const step = storySteps();
  let publisherPage: Page;
  let viewerPage: Page;
  let publisher: { sessionId: string };
  let viewer: { sessionId: string; videoMid: string };

  step('carries the fake camera and microphone to a viewer, who decodes both', async () => {
    publisherPage = await browser.newPage();
    viewerPage = await browser.newPage();
    await Promise.all([publisherPage.goto(origin), viewerPage.goto(origin)]);
    publisher = await publish(publisherPage);
    viewer = await view(viewerPage, publisher.sessionId);
    const first = await poll(
      () => inbound(viewerPage),
      (s) => s.framesDecoded > 10 && s.audioPackets > 10,
      'decoded frames and audio',
    );
    expect(first.frameWidth).toBeGreaterThan(0);
  });

  step('switches the viewer to each preferred simulcast layer, at the width the publisher sends it', async () => {
    for (const rid of ['l', 'h', 'l']) {
      await api('PUT', `/sessions/${viewer.sessionId}/tracks/update`, {
        tracks: [{ location: 'remote', mid: viewer.videoMid, simulcast: { preferredRid: rid } }],
      });
      await poll(
        async () => ({ sent: await layerWidths(publisherPage), got: await inbound(viewerPage) }),
        ({ sent, got }) => got.frameWidth > 0 && got.frameWidth === sent[rid],
        `the viewer decoding layer ${rid}`,
      );
    }
    const widths = await layerWidths(publisherPage);
    expect(widths.h).toBeGreaterThan(widths.l!);
  });

  step('closes a publisher that goes silent and turns its viewer’s tracks inactive', async () => {
    const state = await api('GET', `/sessions/${viewer.sessionId}`);
    expect(state.tracks.map((t: Json) => t.status)).toEqual(['active', 'active']);
    // The performer's tab goes away without a word: the SFU notices the silence, closes the
    // publishing session, and the viewer's tracks turn inactive.
    await publisherPage.close();
    await poll(
      () => api('GET', `/sessions/${viewer.sessionId}`),
      (s) => s.tracks.every((t: Json) => t.status === 'inactive'),
      'inactive tracks',
      30_000,
    );
    const gone = await fetch(`${sfu.url}/apps/${sfu.appId}/sessions/${publisher.sessionId}`, {
      headers: { authorization: `Bearer ${sfu.appSecret}` },
    });
    expect(gone.status).toBe(404);
  });
});
