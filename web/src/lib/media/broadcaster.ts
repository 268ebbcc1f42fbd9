import { signal } from '@preact/signals';
import type { PublishResponse } from '../../../../wire/media.ts';
import { ApiFailure } from '../api.ts';
import { type Backoff, backoffDelay } from '../backoff.ts';
import { constraints, type DeviceChoice, deviceProblem, listDevices } from './devices.ts';
import { closeSession, iceServers, publish } from './media-api.ts';
import { NO_STATS, type OutboundStats, readOutbound } from './outbound-stats.ts';

/** idle: no camera yet; preview: camera on, not sending; connecting/live/reconnecting: sending. */
export type BroadcastState = 'idle' | 'starting' | 'preview' | 'connecting' | 'live' | 'reconnecting';

/** Three simulcast layers (full, half, quarter size); viewers' players pick one by their size. */
export const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 1_500_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
];
/** How long a connection may stay "disconnected" before we republish instead of waiting. */
const DISCONNECTED_GRACE_MS = 3_000;
const RETRY_BACKOFF: Backoff = { firstMs: 500, maxMs: 10_000, jitter: [0.8, 1.2] };

/**
 * The performer's camera and microphone, and their publication into the room. A network blip
 * that breaks the connection republishes (a new SFU session; the Room tells viewers to pull the
 * new tracks) and keeps the show itself live: only End show ends it.
 */
export class Broadcaster {
  readonly state = signal<BroadcastState>('idle');
  readonly problem = signal('');
  readonly cameras = signal<DeviceChoice[]>([]);
  readonly microphones = signal<DeviceChoice[]>([]);
  readonly cameraId = signal('');
  readonly microphoneId = signal('');
  readonly stream = signal<MediaStream | null>(null);
  readonly cameraOff = signal(false);
  readonly micMuted = signal(false);
  readonly stats = signal<OutboundStats>(NO_STATS);
  readonly connection = signal<RTCPeerConnectionState | 'new'>('new');

  private readonly handle: string;
  private pc: RTCPeerConnection | null = null;
  private published: PublishResponse | null = null;
  private wantLive = false;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private generation = 0;
  /** The last stats reading, for the bitrate between two readings. */
  private sample: { bytes: number; at: number } | null = null;

  constructor(handle: string) {
    this.handle = handle;
  }

  /** Asks for the camera and microphone (the browser prompts once) and shows the preview. */
  async startCamera(): Promise<void> {
    this.state.value = this.wantLive ? this.state.value : 'starting';
    this.problem.value = '';
    try {
      const stream = await navigator.mediaDevices.getUserMedia(
        constraints(this.cameraId.value, this.microphoneId.value),
      );
      this.replaceStream(stream);
      const devices = await listDevices();
      this.cameras.value = devices.cameras;
      this.microphones.value = devices.microphones;
      this.cameraId.value = stream.getVideoTracks()[0]?.getSettings().deviceId ?? devices.cameras[0]?.id ?? '';
      this.microphoneId.value = stream.getAudioTracks()[0]?.getSettings().deviceId ?? devices.microphones[0]?.id ?? '';
      if (!this.wantLive) this.state.value = 'preview';
      else if (!this.pc) void this.connect();
    } catch (error) {
      this.problem.value = deviceProblem(error);
      if (!this.stream.value) this.state.value = 'idle';
    }
  }

  /** A different camera or microphone: swapped in place, without a new connection. */
  async choose(kind: 'camera' | 'microphone', id: string): Promise<void> {
    if (kind === 'camera') this.cameraId.value = id;
    else this.microphoneId.value = id;
    await this.startCamera();
  }

  toggleCamera(): void {
    this.cameraOff.value = !this.cameraOff.value;
    for (const t of this.stream.value?.getVideoTracks() ?? []) t.enabled = !this.cameraOff.value;
  }

  toggleMicrophone(): void {
    this.micMuted.value = !this.micMuted.value;
    for (const t of this.stream.value?.getAudioTracks() ?? []) t.enabled = !this.micMuted.value;
  }

  /** The show is live: publish (again after any failure) until `goOffAir`. */
  goOnAir(): void {
    if (this.wantLive) return;
    this.wantLive = true;
    this.attempt = 0;
    if (this.stream.value) void this.connect();
  }

  /** The show ended (or the page is leaving): stop sending; the camera preview stays. */
  goOffAir(): void {
    this.wantLive = false;
    this.disconnect();
    if (this.stream.value) this.state.value = 'preview';
  }

  /** Leaving the page: everything off, camera light included. */
  stop(): void {
    this.goOffAir();
    for (const t of this.stream.value?.getTracks() ?? []) t.stop();
    this.stream.value = null;
    this.state.value = 'idle';
  }

  private replaceStream(stream: MediaStream): void {
    const old = this.stream.value;
    for (const t of stream.getVideoTracks()) t.enabled = !this.cameraOff.value;
    for (const t of stream.getAudioTracks()) t.enabled = !this.micMuted.value;
    this.stream.value = stream;
    // Live: the senders switch to the new tracks; the viewers notice nothing but the picture.
    for (const sender of this.pc?.getSenders() ?? []) {
      const next = sender.track?.kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
      if (next) void sender.replaceTrack(next);
    }
    for (const t of old?.getTracks() ?? []) if (!stream.getTracks().includes(t)) t.stop();
  }

  private async connect(): Promise<void> {
    const stream = this.stream.value;
    if (!stream || !this.wantLive) return;
    const generation = ++this.generation;
    // The old session stays on air until the new one is: closing it first would tell viewers
    // the show went dark, then back.
    const previous = this.disconnect(false, true);
    const closePrevious = () =>
      previous &&
      void closeSession(
        this.handle,
        previous.sessionId,
        previous.token,
        previous.tracks.map((t) => t.mid),
      );
    this.state.value = this.attempt === 0 ? 'connecting' : 'reconnecting';
    try {
      const pc = new RTCPeerConnection({ iceServers: await iceServers(), bundlePolicy: 'max-bundle' });
      this.pc = pc;
      const audio = stream.getAudioTracks()[0];
      const video = stream.getVideoTracks()[0];
      const transceivers: { t: RTCRtpTransceiver; kind: 'audio' | 'video' }[] = [];
      if (audio)
        transceivers.push({ t: pc.addTransceiver(audio, { direction: 'sendonly', streams: [stream] }), kind: 'audio' });
      if (video)
        transceivers.push({
          t: pc.addTransceiver(video, { direction: 'sendonly', streams: [stream], sendEncodings: SIMULCAST }),
          kind: 'video',
        });
      pc.onconnectionstatechange = () => this.connectionChanged(pc, generation);
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const tracks = transceivers.map(({ t, kind }) => ({ mid: t.mid ?? '', kind }));
      const published = await publish(this.handle, pc.localDescription ?? offer, tracks);
      if (generation !== this.generation)
        return void closeSession(
          this.handle,
          published.sessionId,
          published.token,
          tracks.map((t) => t.mid),
        );
      this.published = published;
      closePrevious();
      await pc.setRemoteDescription(published.answer);
      this.statsTimer = setInterval(() => void this.readStats(pc), 1000);
    } catch (error) {
      closePrevious();
      if (generation !== this.generation) return;
      this.problem.value = error instanceof ApiFailure ? error.message : 'The stream could not start; trying again…';
      // Not live (yet): the studio decides; anything else is retried.
      if (error instanceof ApiFailure && (error.status === 403 || error.code === 'NOT_LIVE')) return this.goOffAir();
      this.retry();
    }
  }

  private connectionChanged(pc: RTCPeerConnection, generation: number): void {
    if (generation !== this.generation) return;
    this.connection.value = pc.connectionState;
    clearTimeout(this.graceTimer);
    if (pc.connectionState === 'connected') {
      this.state.value = 'live';
      this.problem.value = '';
      this.attempt = 0;
    } else if (pc.connectionState === 'failed') {
      this.retry();
    } else if (pc.connectionState === 'disconnected') {
      // Often back by itself within a second or two; if not, start over.
      this.state.value = 'reconnecting';
      this.graceTimer = setTimeout(() => this.retry(), DISCONNECTED_GRACE_MS);
    }
  }

  /** Republish after a pause that grows with each failure (0.5 s, 1 s, 2 s … 10 s). */
  private retry(): void {
    if (!this.wantLive) return;
    clearTimeout(this.retryTimer);
    this.state.value = 'reconnecting';
    const wait = backoffDelay(RETRY_BACKOFF, this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => void this.connect(), wait);
  }

  /** Closes the connection; with `keepSession`, returns the SFU session instead of closing it. */
  private disconnect(cancel = true, keepSession = false): PublishResponse | null {
    if (cancel) this.generation += 1;
    clearTimeout(this.retryTimer);
    clearTimeout(this.graceTimer);
    clearInterval(this.statsTimer);
    const { pc, published } = this;
    this.pc = null;
    this.published = null;
    if (published && !keepSession)
      void closeSession(
        this.handle,
        published.sessionId,
        published.token,
        published.tracks.map((t) => t.mid),
      );
    pc?.close();
    this.connection.value = 'new';
    this.stats.value = NO_STATS;
    this.sample = null;
    return keepSession ? published : null;
  }

  private async readStats(pc: RTCPeerConnection): Promise<void> {
    if (pc !== this.pc) return;
    const { stats, sample } = await readOutbound(pc, this.sample);
    this.sample = sample;
    this.stats.value = stats;
  }
}
