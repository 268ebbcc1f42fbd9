import { signal } from '@preact/signals';
import type { WatchResponse } from '../../../../wire/media.ts';
import { ApiFailure } from '../api.ts';
import { watchCam } from './cam-api.ts';
import { closeSession, iceServers, renegotiate } from './media-api.ts';
import { inboundCounts } from './watcher.ts';

export type CamWatchState = 'idle' | 'connecting' | 'live' | 'failed';

/**
 * Cam-to-cam, the performer's side: pulls the private viewer's camera (the Room lets only the show's
 * performer) for one publication; a new publication (the viewer sent again) pulls again, none stops.
 */
export class CamWatcher {
  readonly state = signal<CamWatchState>('idle');
  readonly stream = signal<MediaStream | null>(null);
  readonly problem = signal('');
  /** Decoded video frames so far (getStats, each half second): the studio's data attribute for tests. */
  readonly frames = signal(0);

  private readonly handle: string;
  private pc: RTCPeerConnection | null = null;
  private session: WatchResponse | null = null;
  private pulled: string | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(handle: string) {
    this.handle = handle;
  }

  /** What the Room says the viewer publishes now (null: nothing to pull). */
  update(showId: string, publication: string | null): void {
    if (publication === null) this.stop();
    else if (publication !== this.pulled) void this.pull(showId, publication);
  }

  stop(): void {
    this.generation += 1;
    this.pulled = null;
    clearInterval(this.timer);
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
    this.frames.value = 0;
    this.state.value = 'idle';
  }

  private async pull(showId: string, publication: string): Promise<void> {
    this.stop();
    const generation = this.generation;
    this.pulled = publication;
    this.state.value = 'connecting';
    try {
      const [ice, session] = await Promise.all([iceServers(), watchCam(this.handle, showId)]);
      if (generation !== this.generation)
        return void closeSession(
          this.handle,
          session.sessionId,
          session.token,
          session.tracks.map((t) => t.mid),
        );
      const pc = new RTCPeerConnection({ iceServers: ice, bundlePolicy: 'max-bundle' });
      this.pc = pc;
      this.session = session;
      const stream = new MediaStream();
      // The SFU's offer carries no stream ids: gather the tracks ourselves.
      pc.ontrack = (event) => {
        stream.addTrack(event.track);
        this.stream.value = new MediaStream(stream.getTracks());
      };
      await pc.setRemoteDescription(session.offer);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await renegotiate(this.handle, session.sessionId, session.token, pc.localDescription ?? answer);
      this.timer = setInterval(async () => {
        const counts = await inboundCounts(pc);
        if (generation !== this.generation) return;
        this.frames.value = counts.framesDecoded;
        if (counts.framesDecoded > 0) this.state.value = 'live';
      }, 500);
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.value = error instanceof ApiFailure ? error.message : 'The viewer’s camera could not be shown.';
      this.state.value = 'failed';
    }
  }
}
