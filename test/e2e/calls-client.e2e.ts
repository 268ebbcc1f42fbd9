// The Worker's Realtime (Calls) client against the dev SFU, with Chromium pages as the browsers:
// publish the fake camera, pull it into another page, renegotiate, switch layer, close.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type DevSfuHandle, startDevSfu } from '../../dev/sfu/server.ts';
import { ApiError } from '../../workers/errors.ts';
import { CallsClient } from '../../workers/realtime/calls-client.ts';
import { launchChromium } from './chromium.ts';
import { storySteps } from './story.ts';

let sfu: DevSfuHandle;
let browser: Browser;
let site: Server;
let origin: string;
let calls: CallsClient;

beforeAll(async () => {
  sfu = await startDevSfu();
  calls = new CallsClient({ baseUrl: sfu.url, appId: sfu.appId, secret: sfu.appSecret, turn: null, local: true });
  // getUserMedia needs a secure context, which an http://127.0.0.1 page is.
  site = createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>calls</title>'),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sfu?.close();
  site?.close();
});

async function page(): Promise<Page> {
  const p = await (await browser.newContext()).newPage();
  await p.goto(origin);
  return p;
}

function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  return expect.poll(read, { timeout: 20_000, message: what }).toSatisfy(ok) as unknown as Promise<T>;
}

describe('the Calls client against the dev SFU', () => {
  // One story: a publishing page and a viewing page, from the first offer to closing the tracks.
  const step = storySteps();
  let publisher: Page;
  let viewer: Page;
  let offer: { sdp: string; audio: string; video: string };
  let publisherSession: string;
  let viewerSession: string;
  let pulled: Awaited<ReturnType<CallsClient['addTracks']>>;
  const inbound = () =>
    viewer.evaluate(async () => {
      const out = { frames: 0, audio: 0, width: 0 };
      (await (window as unknown as { pc: RTCPeerConnection }).pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') {
          out.frames += Number(s.framesDecoded ?? 0);
          out.width = Number(s.frameWidth ?? 0);
        } else out.audio += Number(s.packetsReceived ?? 0);
      });
      return out;
    });

  step('publishes a page’s camera and microphone, answering its offer with both tracks', async () => {
    publisher = await page();
    offer = await publisher.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
      const pc = new RTCPeerConnection({ iceServers: [] });
      (window as unknown as { pc: RTCPeerConnection }).pc = pc;
      const audio = pc.addTransceiver(stream.getAudioTracks()[0]!, { direction: 'sendonly' });
      const video = pc.addTransceiver(stream.getVideoTracks()[0]!, {
        direction: 'sendonly',
        sendEncodings: [{ rid: 'h' }, { rid: 'm', scaleResolutionDownBy: 2 }, { rid: 'l', scaleResolutionDownBy: 4 }],
      });
      const description = await pc.createOffer();
      await pc.setLocalDescription(description);
      return { sdp: description.sdp!, audio: audio.mid!, video: video.mid! };
    });
    publisherSession = await calls.newSession();
    const published = await calls.addTracks(
      publisherSession,
      [
        { location: 'local', mid: offer.audio, trackName: 'audio-test' },
        { location: 'local', mid: offer.video, trackName: 'video-test' },
      ],
      { type: 'offer', sdp: offer.sdp },
    );
    expect(published.description?.type).toBe('answer');
    expect(published.tracks.map((t) => t.trackName)).toEqual(['audio-test', 'video-test']);
    await publisher.evaluate(
      (answer) => (window as unknown as { pc: RTCPeerConnection }).pc.setRemoteDescription(answer),
      published.description!,
    );
  });

  step('pulls both tracks into another page by renegotiating, and frames and sound arrive', async () => {
    viewer = await page();
    viewerSession = await calls.newSession();
    pulled = await calls.addTracks(viewerSession, [
      { location: 'remote', sessionId: publisherSession, trackName: 'audio-test' },
      { location: 'remote', sessionId: publisherSession, trackName: 'video-test', simulcast: { preferredRid: 'h' } },
    ]);
    expect(pulled.renegotiate).toBe(true);
    expect(pulled.description?.type).toBe('offer');
    const answer = await viewer.evaluate(async (sfuOffer) => {
      const pc = new RTCPeerConnection({ iceServers: [] });
      (window as unknown as { pc: RTCPeerConnection }).pc = pc;
      await pc.setRemoteDescription(sfuOffer);
      const description = await pc.createAnswer();
      await pc.setLocalDescription(description);
      return { type: 'answer' as const, sdp: description.sdp! };
    }, pulled.description!);
    await calls.renegotiate(viewerSession, answer);
    await until(inbound, (s) => s.frames > 10 && s.audio > 10, 'frames and audio at the viewer');
    const state = await calls.session(publisherSession);
    expect(state?.tracks?.map((t) => t.status)).toEqual(['active', 'active']);
  });

  step('switches the viewer to the low layer, a quarter of the width', async () => {
    const videoMid = pulled.tracks.find((t) => t.trackName === 'video-test')!.mid!;
    await calls.updateTracks(viewerSession, [
      {
        location: 'remote',
        sessionId: publisherSession,
        trackName: 'video-test',
        mid: videoMid,
        simulcast: { preferredRid: 'l' },
      },
    ]);
    await until(inbound, (s) => s.width > 0 && s.width <= 400, 'the low layer');
  });

  step('refuses a track the publisher never had with a per-track error that names it', async () => {
    const refused = await calls
      .addTracks(viewerSession, [{ location: 'remote', sessionId: publisherSession, trackName: 'video-missing' }])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('MEDIA_REFUSED');
    expect((refused as ApiError).message).toContain('video-missing');
  });

  step('closes the tracks, and finds no session that does not exist', async () => {
    await calls.closeTracks(
      viewerSession,
      pulled.tracks.map((t) => t.mid!),
    );
    await calls.closeTracks(publisherSession, [offer.audio, offer.video]);
    const closed = await calls.session(publisherSession);
    expect(closed === null || (closed.tracks ?? []).every((t) => t.status !== 'active')).toBe(true);
    expect(await calls.session('no-such-session')).toBeNull();
  });
});
