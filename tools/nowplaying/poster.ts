/**
 * Posts tracks to `POST /api/studio/now-playing` with the now-playing token. The newest track wins: a track
 * still being retried when the next one loads is dropped for it. Network failures and 5xx answers are
 * retried with backoff (the stack restarting, the venue's wifi); a 429 waits as long as it is told; a
 * wrong or revoked token stops the command, since no retry can fix it.
 */
export type Track = { title: string; artist: string };
export type Log = (event: string, fields: Record<string, unknown>) => void;

/** The server's limit on a title or an artist: longer tags are cut rather than refused. */
const TRACK_TEXT_MAX = 200;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export class Poster {
  private readonly url: string;
  private readonly token: string;
  private readonly log: Log;
  private readonly fatal: (message: string) => void;
  private pending: { track: Track; seenAt: number } | undefined;
  private running = false;

  constructor(options: { url: string; token: string; log: Log; fatal: (message: string) => void }) {
    this.url = `${options.url.replace(/\/+$/, '')}/api/studio/now-playing`;
    this.token = options.token;
    this.log = options.log;
    this.fatal = options.fatal;
  }

  post(track: Track, seenAt: number): void {
    this.pending = {
      track: { title: track.title.slice(0, TRACK_TEXT_MAX), artist: track.artist.slice(0, TRACK_TEXT_MAX) },
      seenAt,
    };
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    let failures = 0;
    while (this.pending) {
      const { track, seenAt } = this.pending;
      const outcome = await this.send(track);
      if (this.pending?.track !== track) continue;
      if (outcome.done) {
        this.pending = undefined;
        if (outcome.posted) this.log('posted', { ...track, seenAt, repeat: outcome.repeat });
        failures = 0;
        continue;
      }
      const wait = outcome.waitMs ?? BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)]!;
      this.log('retrying', { ...track, reason: outcome.reason, inMs: wait });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.running = false;
  }

  private async send(
    track: Track,
  ): Promise<{ done: true; posted: boolean; repeat?: boolean } | { done: false; reason: string; waitMs?: number }> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(track),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { done: false, reason: error instanceof Error ? error.message : String(error) };
    }
    const body = (await response.json().catch(() => ({}))) as { repeat?: boolean; error?: { message?: string } };
    if (response.ok) return { done: true, posted: true, repeat: body.repeat === true };
    const message = body.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      this.fatal(message);
      return { done: true, posted: false };
    }
    if (response.status === 429)
      return { done: false, reason: message, waitMs: Number(response.headers.get('Retry-After') ?? 5) * 1000 };
    if (response.status >= 400 && response.status < 500) {
      // The track itself was refused (an empty title, say): the next one may do.
      this.log('refused', { ...track, reason: message });
      return { done: true, posted: false };
    }
    return { done: false, reason: message };
  }
}
