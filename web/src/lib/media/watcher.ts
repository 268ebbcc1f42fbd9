import { signal } from '@preact/signals';
import type { Layer, RoomMedia, WatchResponse } from '../../../../wire/media.ts';
import { ApiFailure } from '../api.ts';
import { type Backoff, backoffDelay } from '../backoff.ts';
import { initialLayer, takeEarlyWatch } from './early-watch.ts';
import { closeSession, iceServers, renegotiate, switchLayer, watch } from './media-api.ts';

/** connecting: pulling; live: frames arriving; reconnecting: pulling again after a failure; offline: nothing on air. */
export type PlayerState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Pulls again after 0.4 s, 0.8 s … up to 8 s, give or take a fifth. */
const RETRY_BACKOFF: Backoff = { firstMs: 400, maxMs: 8_000, jitter: [0.8, 1.2] };
/** If no frame arrives this long after connecting, pull again (a lost keyframe, a dead track). */
const FIRST_FRAME_TIMEOUT_MS = 6_000;

/**
 * A viewer's pull of the room's tracks: one SFU session per page. The SFU offers, we answer.
 * When the Room republishes (a new `publication`), or the connection fails, it pulls again with
 * backoff; when nothing is on air it waits, offline, for the next `media` event.
 */
export class Watcher {
  readonly state = signal<PlayerState>('offline');
  readonly stream = signal<MediaStream | null>(null);
  readonly problem = signal('');
  readonly layer = signal<Layer>(initialLayer());
  /** From getStats, each quarter second: what the player's data attributes show to tests. */
  readonly counts = signal({ framesDecoded: 0, audioPackets: 0 });
  /** Milliseconds from opening the page to the first decoded frame (performance.now()), once. */
  readonly firstFrameAt = signal<number | null>(null);

  private readonly handle: string;
  private pc: RTCPeerConnection | null = null;
  private session: WatchResponse | null = null;
  private media: RoomMedia = { publication: null, tracks: [] };
  /** The publication this page pulled last, and whether a pull is waiting for the SFU's offer. */
  private pulled: string | null = null;
  private inflight = false;
  private attempt = 0;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frameWatch: ReturnType<typeof setInterval> | undefined;
  private ice: Promise<RTCIceServer[]> | null = null;

  constructor(handle: string) {
    this.handle = handle;
  }

  /** The Room said what is on air: pull it, pull again (republished), or go offline. */
  update(media: RoomMedia): void {
    this.media = media;
    if (!media.publication || media.tracks.length === 0) {
      this.offline();
      return;
    }
    // A pull in flight compares publications when the SFU answers.
    if (this.inflight) return;
    if (media.publication !== this.pulled || !this.pc) {
      this.attempt = 0;
      void this.pull(this.state.value === 'live' ? 'reconnecting' : 'connecting');
    }
  }

  /**
   * Pulls at once, before the room socket has said what is on air: the Worker asks the Room
   * anyway, and this saves the socket's round trips on the way to the first frame. If nothing
   * is on air, the player waits offline for the Room's word.
   */
  start(): void {
    if (!this.pc && !this.inflight) void this.pull('connecting');
  }

  /** A different simulcast layer (the player's size changed, or the viewer chose one). */
  async chooseLayer(layer: Layer): Promise<void> {
    if (layer === this.layer.value) return;
    this.layer.value = layer;
    const session = this.session;
    const video = session?.tracks.find((t) => t.kind === 'video');
    if (!session || !video) return;
    try {
      await switchLayer(this.handle, session.sessionId, session.token, video.mid, video.name, layer);
    } catch {
      // The next pull asks for this layer anyway.
    }
  }

  stop(): void {
    this.generation += 1;
    this.inflight = false;
    this.drop();
    this.state.value = 'offline';
  }

  private offline(): void {
    this.generation += 1;
    this.inflight = false;
    this.pulled = null;
    this.drop();
    this.state.value = 'offline';
    this.problem.value = '';
  }

  private async pull(state: PlayerState): Promise<void> {
    const generation = ++this.generation;
    this.drop();
    this.state.value = state;
    this.inflight = true;
    try {
      performance.mark('media:pull');
      // The entry chunk may have asked already (early-watch.ts); otherwise ask now.
      const early = takeEarlyWatch(this.handle, this.layer.value);
      this.ice ??= early?.ice ?? iceServers();
      // The SFU's offer and the ICE servers at once: a round trip less before the picture.
      const [ice, session] = await Promise.all([
        this.ice,
        early?.offer ?? watch(this.handle, this.layer.value),
      ]).finally(() => {
        if (generation === this.generation) this.inflight = false;
      });
      performance.mark('media:offer');
      if (generation !== this.generation)
        return void closeSession(
          this.handle,
          session.sessionId,
          session.token,
          session.tracks.map((t) => t.mid),
        );
      this.pulled = session.publication;
      // The Room moved on while we asked (republished): pull what it has now.
      if (this.media.publication && this.media.publication !== session.publication) {
        void closeSession(
          this.handle,
          session.sessionId,
          session.token,
          session.tracks.map((t) => t.mid),
        );
        return void this.pull(state);
      }
      const pc = new RTCPeerConnection({ iceServers: ice, bundlePolicy: 'max-bundle' });
      this.pc = pc;
      this.session = session;
      const stream = new MediaStream();
      // The SFU's offer carries no stream ids: gather the tracks ourselves, matched by mid.
      pc.ontrack = (event) => {
        stream.addTrack(event.track);
        this.stream.value = new MediaStream(stream.getTracks());
      };
      pc.onconnectionstatechange = () => {
        if (generation !== this.generation) return;
        if (pc.connectionState === 'failed') this.retry();
      };
      await pc.setRemoteDescription(session.offer);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await renegotiate(this.handle, session.sessionId, session.token, pc.localDescription ?? answer);
      performance.mark('media:answered');
      this.watchFrames(pc, generation);
    } catch (error) {
      if (generation !== this.generation) return;
      this.ice = null;
      // Nothing on air, and the Room has not said otherwise: wait for its word.
      if (error instanceof ApiFailure && error.code === 'NOT_LIVE' && !this.media.publication) return this.offline();
      this.problem.value = error instanceof ApiFailure ? error.message : '';
      this.retry();
    }
  }

  /** Live once frames are decoded; pulled again if none come (or they stop for good). */
  private watchFrames(pc: RTCPeerConnection, generation: number): void {
    const started = performance.now();
    let frames = 0;
    let stalledSince = 0;
    this.frameWatch = setInterval(async () => {
      if (generation !== this.generation) return;
      const counts = await inboundCounts(pc);
      if (generation !== this.generation) return;
      this.counts.value = counts;
      const decoded = counts.framesDecoded;
      const now = performance.now();
      if (decoded > 0 && this.firstFrameAt.value === null) this.firstFrameAt.value = Math.round(now);
      if (decoded > frames) {
        frames = decoded;
        stalledSince = 0;
        if (this.state.value !== 'live') {
          this.state.value = 'live';
          this.problem.value = '';
          this.attempt = 0;
        }
        return;
      }
      stalledSince ||= now;
      const waited = frames === 0 ? now - started : now - stalledSince;
      if (waited > FIRST_FRAME_TIMEOUT_MS) this.retry();
      else if (frames > 0 && now - stalledSince > 1500) this.state.value = 'reconnecting';
    }, 250);
  }

  private retry(): void {
    if (!this.media.publication) {
      this.offline();
      return;
    }
    this.generation += 1;
    this.drop();
    this.state.value = 'reconnecting';
    const wait = backoffDelay(RETRY_BACKOFF, this.attempt);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pull('reconnecting'), wait);
  }

  private drop(): void {
    clearTimeout(this.timer);
    clearInterval(this.frameWatch);
    const { pc, session } = this;
    this.pc = null;
    this.session = null;
    if (session)
      void closeSession(
        this.handle,
        session.sessionId,
        session.token,
        session.tracks.map((t) => t.mid),
      );
    pc?.close();
    this.stream.value = null;
  }
}

/** For tests and the stats overlay: decoded video frames and received audio packets. */
export async function inboundCounts(pc: RTCPeerConnection): Promise<{ framesDecoded: number; audioPackets: number }> {
  let framesDecoded = 0;
  let audioPackets = 0;
  (await pc.getStats()).forEach((s: RTCStats & Record<string, unknown>) => {
    if (s.type !== 'inbound-rtp') return;
    if (s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
    else audioPackets += Number(s.packetsReceived ?? 0);
  });
  return { framesDecoded, audioPackets };
}
