import { signal } from '@preact/signals';
import type { PublishResponse } from '../../../../wire/media.ts';
import { ApiFailure } from '../api.ts';
import { publishCam } from './cam-api.ts';
import { deviceProblem } from './devices.ts';
import { closeSession, iceServers } from './media-api.ts';

/** sending: the SFU has the camera; the Room lets the performer pull it once `show.cam` says on. */
export type CamState = 'off' | 'starting' | 'sending' | 'failed';

/**
 * Cam-to-cam, the viewer's side (loaded only when they turn their camera on, to keep the room page small):
 * their camera and microphone, published for one private show. A small picture, one layer: only the
 * performer watches it. A failed connection is not retried: the page offers to send again.
 */
export class CamPublisher {
  readonly state = signal<CamState>('off');
  readonly stream = signal<MediaStream | null>(null);
  readonly problem = signal('');

  private readonly handle: string;
  private readonly showId: string;
  private pc: RTCPeerConnection | null = null;
  private published: PublishResponse | null = null;

  constructor(handle: string, showId: string) {
    this.handle = handle;
    this.showId = showId;
  }

  /** Asks for the camera (the browser prompts once) and publishes it; false (with the problem) if it failed. */
  async start(): Promise<boolean> {
    this.stop();
    this.state.value = 'starting';
    this.problem.value = '';
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } },
        audio: { echoCancellation: true, noiseSuppression: true },
      });
    } catch (error) {
      return this.failed(deviceProblem(error));
    }
    this.stream.value = stream;
    try {
      const pc = new RTCPeerConnection({ iceServers: await iceServers(), bundlePolicy: 'max-bundle' });
      this.pc = pc;
      const sent = stream.getTracks().map((track) => ({
        t: pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] }),
        kind: track.kind,
      }));
      pc.onconnectionstatechange = () => {
        if (pc !== this.pc) return;
        if (pc.connectionState === 'connected') this.state.value = 'sending';
        else if (pc.connectionState === 'failed') this.failed('Your camera’s connection failed; send it again.');
      };
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const tracks = sent.map(
        ({ t, kind }) => ({ mid: t.mid ?? '', kind: kind === 'audio' ? 'audio' : 'video' }) as const,
      );
      this.published = await publishCam(this.handle, this.showId, pc.localDescription ?? offer, tracks);
      if (pc !== this.pc) return false;
      await pc.setRemoteDescription(this.published.answer);
      return true;
    } catch (error) {
      return this.failed(error instanceof ApiFailure ? error.message : 'Your camera could not be sent; try again.');
    }
  }

  /** Camera off: the session closes (the Room forgets it) and the camera light goes out. */
  stop(): void {
    const { pc, published } = this;
    this.pc = null;
    this.published = null;
    if (published)
      void closeSession(
        this.handle,
        published.sessionId,
        published.token,
        published.tracks.map((t) => t.mid),
      );
    pc?.close();
    for (const t of this.stream.value?.getTracks() ?? []) t.stop();
    this.stream.value = null;
    this.state.value = 'off';
  }

  private failed(problem: string): false {
    this.stop();
    this.problem.value = problem;
    this.state.value = 'failed';
    return false;
  }
}
