import type { ZodType } from 'zod';
import { ApiError } from '../errors.ts';
import { log } from '../log.ts';
import {
  NewSession,
  PlainAnswer,
  type RealtimeConfig,
  type SessionDescription,
  SessionState,
  type TrackObject,
  type TrackResult,
  TracksAnswer,
} from './calls-shapes.ts';
import { SessionQueue } from './session-queue.ts';

/**
 * A small typed client for the Realtime SFU's HTTPS API, used only by the Worker (and the
 * Room), so the app secret never leaves the server.
 *
 * Why not `partytracks`: its server half is a pass-through proxy that lets the browser choose
 * the SFU calls, while Encore must decide on the server who may publish or pull which track;
 * its browser half is built on RxJS observables, which this Preact + signals app does not use.
 * The six calls we need fit in this file.
 *
 * Serializing changes per session: the SFU answers a concurrent change to one session with
 * 406. A Worker request cannot hold a lock across isolates, and routing every call through a
 * Durable Object would put one object in the path of every viewer's handshake. In practice each
 * session is driven by one page that awaits each call before the next, so changes rarely
 * overlap; the client (1) queues changes to the same session made through it (one client per
 * request or per Room call: workerd does not let one request wait on another's promises), and
 * (2) retries a 406 with a short backoff for the rare overlap between requests or isolates.
 */
export class CallsClient {
  private readonly config: RealtimeConfig;
  private readonly queue = new SessionQueue();

  constructor(config: RealtimeConfig) {
    this.config = config;
  }

  async newSession(): Promise<string> {
    const answer = await this.call('POST', '/sessions/new', undefined, NewSession);
    return answer.sessionId;
  }

  /** Publishes (local tracks, with the browser's offer) or pulls (remote tracks; the SFU offers). */
  async addTracks(
    sessionId: string,
    tracks: TrackObject[],
    offer?: SessionDescription,
  ): Promise<{ description: SessionDescription | undefined; renegotiate: boolean; tracks: TrackResult[] }> {
    const body = { ...(offer ? { sessionDescription: offer } : {}), tracks };
    const answer = await this.change(sessionId, 'POST', '/tracks/new', body, TracksAnswer);
    const results = checkTracks(answer.tracks ?? [], tracks.length);
    return {
      description: answer.sessionDescription,
      renegotiate: answer.requiresImmediateRenegotiation ?? false,
      tracks: results,
    };
  }

  async renegotiate(sessionId: string, description: SessionDescription): Promise<void> {
    await this.change(sessionId, 'PUT', '/renegotiate', { sessionDescription: description }, PlainAnswer);
  }

  /** Switches pulled video tracks to another simulcast layer. */
  async updateTracks(sessionId: string, tracks: TrackObject[]): Promise<void> {
    const answer = await this.change(sessionId, 'PUT', '/tracks/update', { tracks }, TracksAnswer);
    checkTracks(answer.tracks ?? [], 0);
  }

  /** Closes tracks by mid (force: without a renegotiation round, the page is going away). */
  async closeTracks(sessionId: string, mids: string[]): Promise<void> {
    if (mids.length === 0) return;
    await this.change(
      sessionId,
      'PUT',
      '/tracks/close',
      { tracks: mids.map((mid) => ({ mid })), force: true },
      TracksAnswer,
    );
  }

  /** The session's tracks and their status, or null when the SFU no longer knows the session. */
  async session(sessionId: string): Promise<SessionState | null> {
    try {
      return await this.call('GET', `/sessions/${encodeURIComponent(sessionId)}`, undefined, SessionState);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  private change<T>(
    sessionId: string,
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    shape: ZodType<T>,
  ): Promise<T> {
    return this.queue.run(sessionId, () =>
      this.call(method, `/sessions/${encodeURIComponent(sessionId)}${path}`, body, shape),
    );
  }

  private async call<T>(method: string, path: string, body: unknown, shape: ZodType<T>): Promise<T> {
    const url = `${this.config.baseUrl}/apps/${encodeURIComponent(this.config.appId)}${path}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${this.config.secret}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        log('warn', 'realtime.unreachable', { path: redact(path), error: String(error) });
        throw new ApiError(503, 'MEDIA_UNAVAILABLE', 'The media server could not be reached; try again in a moment');
      }
      // Another change to this session is in flight (from another isolate): wait and try again.
      if (response.status === 406 && attempt < RETRIES_406.length) {
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, RETRIES_406[attempt]! + Math.random() * 20));
        continue;
      }
      return readAnswer(response, path, shape);
    }
  }
}

const RETRIES_406 = [40, 100, 250, 500];

async function readAnswer<T>(response: Response, path: string, shape: ZodType<T>): Promise<T> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  const failure = PlainAnswer.safeParse(json);
  const described = failure.success ? failure.data : {};
  if (!response.ok || described.errorCode) {
    log('warn', 'realtime.refused', {
      path: redact(path),
      status: response.status,
      errorCode: described.errorCode,
      errorDescription: described.errorDescription,
    });
    if (response.status === 401 || response.status === 403)
      throw new ApiError(503, 'MEDIA_UNAVAILABLE', 'The media server did not accept this site’s credentials');
    if (response.status === 404) throw new ApiError(404, 'NOT_FOUND', 'That media session has ended; start again');
    if (response.status >= 500)
      throw new ApiError(503, 'MEDIA_UNAVAILABLE', 'The media server is having trouble; try again in a moment');
    throw new ApiError(
      502,
      'MEDIA_REFUSED',
      `The media server refused the request: ${describe(described.errorCode, described.errorDescription)}`,
    );
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) {
    log('error', 'realtime.unexpected', { path: redact(path), status: response.status });
    throw new ApiError(503, 'MEDIA_UNAVAILABLE', 'The media server answered in a way we did not understand');
  }
  return parsed.data;
}

/**
 * A 200 can still refuse some tracks: each item may carry its own errorCode. Any refused track
 * fails the call, naming the track, so the page can say which one and start over.
 */
export function checkTracks(results: TrackResult[], expected: number): TrackResult[] {
  const refused = results.filter((t) => t.errorCode);
  if (refused.length > 0) {
    const what = refused
      .map((t) => `${t.trackName ?? t.mid ?? 'a track'} (${describe(t.errorCode, t.errorDescription)})`)
      .join(', ');
    throw new ApiError(
      502,
      'MEDIA_REFUSED',
      `The media server refused ${refused.length === 1 ? 'a track' : 'some tracks'}: ${what}`,
    );
  }
  if (results.length < expected)
    throw new ApiError(502, 'MEDIA_REFUSED', `The media server answered for ${results.length} of ${expected} tracks`);
  return results;
}

function describe(code: string | undefined, description: string | undefined): string {
  return [code, description].filter(Boolean).join(': ').slice(0, 200) || 'no reason given';
}

/** Paths carry the app id; logs keep only the shape of the call. */
function redact(path: string): string {
  return path.replace(/\/sessions\/(?!new$)[^/]+/, '/sessions/:id');
}
