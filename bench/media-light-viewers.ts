// Viewers without a browser, for bench:media: werift peers in Node that take the same path as
// the room page (POST watch to the Worker, answer the SFU's offer, PUT renegotiate) and stop the
// clock at the first VP8 keyframe packet, the first thing a browser could decode. They cost a
// fraction of a Chromium page, so with 5 or 10 of them the figure measures the Worker, the Room
// and the dev SFU rather than ten renderers fighting over two cores.
import type { RTCPeerConnection } from 'werift';
import { loopbackPeer } from '../test/e2e/werift-peer.ts';

export type LightPhases = { offer: number; answered: number; connected: number; keyframe: number };

type WatchReply = {
  sessionId: string;
  token: string;
  offer: { type: 'offer'; sdp: string };
  tracks: { mid: string; kind: string; name: string }[];
};

/** A viewer arriving now: its milliseconds to each step, and a close for its session. */
export async function lightViewer(
  origin: string,
  handle: string,
  layer: 'h' | 'm' | 'l',
): Promise<{ phases: LightPhases; close: () => Promise<void> }> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const base = `${origin}/api/live/${handle}`;
  const watched = await fetch(`${base}/watch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ layer }),
  });
  if (watched.status !== 201) throw new Error(`watch answered ${watched.status}: ${await watched.text()}`);
  const session = (await watched.json()) as WatchReply;
  const offer = since();
  const pc: RTCPeerConnection = loopbackPeer();
  let connected = NaN;
  const keyframe = new Promise<number>((resolve) => {
    pc.onTrack.subscribe((track) => {
      if (track.kind !== 'video') return;
      track.onReceiveRtp.subscribe((packet) => {
        if (isVp8KeyframeStart(packet.payload)) resolve(since());
      });
    });
  });
  pc.connectionStateChange.subscribe((state) => {
    if (state === 'connected' && Number.isNaN(connected)) connected = since();
  });
  await pc.setRemoteDescription(session.offer);
  await pc.setLocalDescription(await pc.createAnswer());
  const renegotiated = await fetch(`${base}/sessions/${session.sessionId}/renegotiate`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: session.token, answer: { type: 'answer', sdp: pc.localDescription!.sdp } }),
  });
  if (!renegotiated.ok) throw new Error(`renegotiate answered ${renegotiated.status}: ${await renegotiated.text()}`);
  const answered = since();
  const first = await Promise.race([
    keyframe,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no keyframe within 20 s')), 20_000)),
  ]);
  const close = async () => {
    await fetch(`${base}/sessions/${session.sessionId}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.token, mids: session.tracks.map((t) => t.mid) }),
    }).catch(() => undefined);
    await pc.close();
  };
  return { phases: { offer, answered, connected, keyframe: first }, close };
}

/** RFC 7741: the first packet of a VP8 key frame (S=1, partition 0, and the frame header's P bit clear). */
export function isVp8KeyframeStart(payload: Buffer): boolean {
  const first = payload[0];
  if (first === undefined || (first & 0x10) === 0 || (first & 0x07) !== 0) return false;
  let i = 1;
  if (first & 0x80) {
    const extensions = payload[i++] ?? 0;
    if (extensions & 0x80) i += (payload[i] ?? 0) & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (extensions & 0x40) i += 1; // TL0PICIDX
    if (extensions & 0x30) i += 1; // TID / KEYIDX
  }
  const header = payload[i];
  return header !== undefined && (header & 0x01) === 0;
}
