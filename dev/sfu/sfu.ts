// The dev SFU's API operations over its sessions, one method per Realtime API call, with
// Cloudflare's rules: mutations of one session are serialized (a concurrent one gets 406),
// unknown sessions are 404, per-track problems come back as per-track errors in a 200.

import { isSessionDescription, type SessionDescription } from './sdp.ts';
import {
  GONE_MS,
  IDLE_MS,
  type RemoteTrack,
  Session,
  SfuError,
  type TrackObject,
  type TrackResult,
  type TracksResponse,
} from './sessions.ts';

const SWEEP_MS = 5_000;
const ESTIMATE_MS = 1_000;

export class DevSfu {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly estimator: NodeJS.Timeout;
  private readonly address: string;
  private readonly idleMs: number;
  private readonly goneMs: number;

  /** `idleMs` (30 s like Cloudflare) and `goneMs` (15 s) are shorter only in tests of the cleanup. */
  constructor(address: string, idleMs = IDLE_MS, goneMs = GONE_MS) {
    this.address = address;
    this.idleMs = idleMs;
    this.goneMs = goneMs;
    this.sweeper = setInterval(() => this.sweep(), Math.min(SWEEP_MS, idleMs / 2, goneMs / 2));
    this.sweeper.unref();
    this.estimator = setInterval(() => {
      for (const session of this.sessions.values()) session.sendBandwidthEstimate();
    }, ESTIMATE_MS);
    this.estimator.unref();
  }

  async newSession(body: unknown): Promise<{ sessionId: string; sessionDescription?: SessionDescription }> {
    const offer = optionalDescription(body, 'offer');
    const session = new Session(this.address);
    this.sessions.set(session.id, session);
    if (!offer) return { sessionId: session.id };
    return this.mutate(session.id, async () => ({
      sessionId: session.id,
      sessionDescription: await session.answer(offer),
    }));
  }

  addTracks(sessionId: string, body: unknown): Promise<TracksResponse> {
    const offer = optionalDescription(body, 'offer');
    const tracks = trackList(body, !offer);
    const autoDiscover = field(body, 'autoDiscover') === true;
    return this.mutate(sessionId, async (session) => {
      const results: TrackResult[] = new Array(tracks.length);
      if (offer) {
        // Publishing: the client offers its sending m-sections. Pulling with a client offer
        // (remote tracks matched to the client's recvonly m-sections) is not supported here.
        const localIndexes = tracks.flatMap((t, i) => (t.location === 'remote' ? [] : [i]));
        for (const [i, t] of tracks.entries()) {
          if (t.location === 'remote')
            results[i] = {
              ...t,
              errorCode: 'not_supported',
              errorDescription: 'the dev SFU pulls remote tracks only without a client offer (it offers)',
            };
        }
        const sessionDescription = await session.answer(offer);
        const published = session.publish(
          offer.sdp,
          sessionDescription.sdp,
          localIndexes.map((i) => tracks[i]!),
          autoDiscover,
        );
        localIndexes.forEach((index, n) => {
          results[index] = published[n]!;
        });
        return {
          requiresImmediateRenegotiation: false,
          sessionDescription,
          tracks: [...results, ...published.slice(localIndexes.length)],
        };
      }
      const pending: { index: number; track: Omit<RemoteTrack, 'mid'> }[] = [];
      for (const [index, track] of tracks.entries()) {
        if (track.location !== 'remote') {
          results[index] = {
            ...track,
            errorCode: 'invalid_request',
            errorDescription: 'a local track needs a sessionDescription offer',
          };
          continue;
        }
        const { result, pending: added } = session.pull(track, this.sessions.get(track.sessionId ?? ''));
        results[index] = result;
        if (added) pending.push({ index, track: added });
      }
      if (pending.length === 0) return { requiresImmediateRenegotiation: false, tracks: results };
      const sessionDescription = await session.offer();
      for (const { index, track } of pending) {
        const mid = track.transceiver.mid ?? '';
        session.remote.set(mid, { ...track, mid });
        results[index] = { ...results[index], mid };
      }
      return { requiresImmediateRenegotiation: true, sessionDescription, tracks: results };
    });
  }

  renegotiate(sessionId: string, body: unknown): Promise<{ sessionDescription?: SessionDescription }> {
    const description = field(body, 'sessionDescription');
    if (!isSessionDescription(description))
      throw new SfuError(400, 'invalid_request', 'sessionDescription { type, sdp } is required');
    return this.mutate(sessionId, async (session) => {
      if (description.type === 'offer') return { sessionDescription: await session.answer(description) };
      await session.pc.setRemoteDescription(description);
      // Only a viewer already connected can use a keyframe now; a new one asks when it connects
      // (sessions.ts). Asking here too would make Chromium ignore that second request (see forwarding.ts).
      if (session.connected) for (const track of session.remote.values()) track.subscription.requestKeyframe();
      return {};
    });
  }

  updateTracks(sessionId: string, body: unknown): Promise<TracksResponse> {
    const tracks = trackList(body, true);
    return this.mutate(sessionId, async (session) => {
      const results = tracks.map((track): TrackResult => {
        const remote = session.remote.get(track.mid ?? '');
        if (!remote)
          return {
            ...track,
            errorCode: 'not_found',
            errorDescription: `no pulled track with mid "${track.mid ?? ''}"`,
          };
        remote.subscription.setPreferredLayer(track.simulcast?.preferredRid);
        return { location: 'remote', mid: remote.mid, sessionId: remote.sessionId, trackName: remote.trackName };
      });
      return { requiresImmediateRenegotiation: false, tracks: results };
    });
  }

  closeTracks(sessionId: string, body: unknown): Promise<TracksResponse> {
    const tracks = trackList(body, true);
    const offer = optionalDescription(body, 'offer');
    const force = field(body, 'force') === true;
    return this.mutate(sessionId, async (session) => {
      let changed = false;
      const results = tracks.map((track): TrackResult => {
        try {
          changed = session.closeTrack(track.mid ?? '', force) || changed;
          return { mid: track.mid ?? '' };
        } catch (error) {
          if (!(error instanceof SfuError)) throw error;
          return { ...track, errorCode: error.code, errorDescription: error.message };
        }
      });
      if (offer)
        return {
          requiresImmediateRenegotiation: false,
          sessionDescription: await session.answer(offer),
          tracks: results,
        };
      if (changed)
        return { requiresImmediateRenegotiation: true, sessionDescription: await session.offer(), tracks: results };
      return { requiresImmediateRenegotiation: false, tracks: results };
    });
  }

  state(sessionId: string): { tracks: (TrackResult & { status: string })[] } {
    const session = this.get(sessionId);
    const tracks = [
      ...[...session.local.values()].map((t) => ({
        location: 'local' as const,
        mid: t.mid,
        trackName: t.trackName,
        status: t.publication.ended
          ? 'inactive'
          : t.publication.packetsIn > 0 && Date.now() - t.publication.lastPacketAt < 2000
            ? 'active'
            : 'waiting',
      })),
      ...[...session.remote.values()].map((t) => ({
        location: 'remote' as const,
        mid: t.mid,
        trackName: t.trackName,
        sessionId: t.sessionId,
        status: t.subscription.ended ? 'inactive' : t.subscription.current === undefined ? 'waiting' : 'active',
      })),
    ];
    return { tracks };
  }

  /** For benchmarks and debugging: process load and what the SFU holds. */
  stats() {
    let publishedTracks = 0;
    let pulledTracks = 0;
    let connectedSessions = 0;
    let packetsIn = 0;
    let packetsOut = 0;
    for (const session of this.sessions.values()) {
      publishedTracks += session.local.size;
      pulledTracks += session.remote.size;
      if (session.connected) connectedSessions++;
      for (const t of session.local.values()) packetsIn += t.publication.packetsIn;
      for (const t of session.remote.values()) packetsOut += t.subscription.packetsOut;
    }
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      at: Date.now(),
      uptimeMs: Math.round(process.uptime() * 1000),
      cpu: { userMicros: cpu.user, systemMicros: cpu.system },
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      sessions: this.sessions.size,
      connectedSessions,
      publishedTracks,
      pulledTracks,
      packetsIn,
      packetsOut,
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.estimator);
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.close()));
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session || session.closed) throw new SfuError(404, 'not_found', `session ${sessionId} does not exist`);
    return session;
  }

  private async mutate<T>(sessionId: string, change: (session: Session) => Promise<T>): Promise<T> {
    const session = this.get(sessionId);
    if (session.busy)
      throw new SfuError(406, 'concurrent_request', 'another change to this session is in progress; retry after it');
    session.busy = true;
    session.lastActivity = Date.now();
    try {
      return await change(session);
    } catch (error) {
      if (error instanceof SfuError) throw error;
      throw new SfuError(400, 'invalid_request', error instanceof Error ? error.message : String(error));
    } finally {
      session.busy = false;
      session.lastActivity = Date.now();
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) {
      if (session.busy || !session.sweep(now, this.idleMs, this.goneMs)) continue;
      this.sessions.delete(id);
      void session.close();
    }
  }
}

export { IDLE_MS, SfuError };

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function optionalDescription(body: unknown, type: 'offer' | 'answer'): SessionDescription | undefined {
  const description = field(body, 'sessionDescription');
  if (description === undefined || description === null) return undefined;
  if (!isSessionDescription(description) || description.type !== type) {
    throw new SfuError(400, 'invalid_request', `sessionDescription must be an ${type} { type, sdp }`);
  }
  return description;
}

function trackList(body: unknown, required: boolean): TrackObject[] {
  const tracks = field(body, 'tracks');
  if (tracks === undefined && !required) return [];
  if (!Array.isArray(tracks) || tracks.some((t) => typeof t !== 'object' || t === null)) {
    throw new SfuError(400, 'invalid_request', 'tracks must be an array of track objects');
  }
  if (tracks.length > 64) throw new SfuError(400, 'invalid_request', 'at most 64 tracks per call');
  return tracks as TrackObject[];
}
