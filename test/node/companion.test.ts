import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Poster, type Track } from '../../tools/nowplaying/poster.ts';
import { readSeratoFolder, readTextFile, watchSource } from '../../tools/nowplaying/watch.ts';
import { sessionFile } from './serato-session-file.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A watcher on `target` whose loaded tracks and log lines can be awaited. */
function watching(target: string, read: () => ReturnType<typeof readSeratoFolder>, postCurrent = false) {
  const loaded: Track[] = [];
  const logged: { event: string; fields: Record<string, unknown> }[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of waiters) waiter();
  };
  const watch = watchSource({
    target,
    read,
    postCurrent,
    loaded: (track) => {
      loaded.push(track);
      changed();
    },
    log: (event, fields) => {
      logged.push({ event, fields });
      changed();
    },
  });
  cleanups.push(watch.stop);
  const until = <T>(check: () => T | undefined) =>
    new Promise<T>((resolve) => {
      const waiter = () => {
        const found = check();
        if (found === undefined) return;
        waiters.delete(waiter);
        resolve(found);
      };
      waiters.add(waiter);
      waiter();
    });
  return { watch, loaded, logged, until };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'encore-companion-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the companion watching files', () => {
  it('posts each newly loaded Serato track, not the one loaded when it started, and skips a corrupt file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '1.session'), sessionFile([{ title: 'Already on', artist: 'A' }]));
    const w = watching(dir, () => readSeratoFolder(dir));
    await w.watch.ready;
    expect(w.logged[0]).toMatchObject({ event: 'watching', fields: { loadedNow: { title: 'Already on' } } });
    writeFileSync(
      join(dir, '1.session'),
      sessionFile([
        { title: 'Already on', artist: 'A' },
        { title: 'Next', artist: 'B' },
      ]),
    );
    await w.until(() => w.loaded.find((t) => t.title === 'Next'));
    writeFileSync(join(dir, '2.session'), 'garbage, not a session');
    await w.until(() => w.logged.find((l) => l.event === 'skipped'));
    writeFileSync(join(dir, '3.session'), sessionFile([{ title: 'Recovered', artist: 'C' }]));
    await w.until(() => w.loaded.find((t) => t.title === 'Recovered'));
    expect(w.loaded.map((t) => t.title)).toEqual(['Next', 'Recovered']);
  });

  it('posts the current track at start when asked, then each new line of a text file', async () => {
    const file = join(tempDir(), 'nowplaying.txt');
    writeFileSync(file, 'Artist One - First\n');
    const w = watching(file, () => readTextFile(file), true);
    await w.until(() => w.loaded.find((t) => t.title === 'First'));
    writeFileSync(file, 'Artist Two - Second\n');
    await w.until(() => w.loaded.find((t) => t.title === 'Second'));
    expect(w.loaded).toEqual([
      { title: 'First', artist: 'Artist One' },
      { title: 'Second', artist: 'Artist Two' },
    ]);
  });
});

describe('the companion posting', () => {
  /** A stand-in for the now-playing route: answers from `answers` in turn (the last one repeats). */
  async function server(answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
    const received: { authorization: string | undefined; track: Track }[] = [];
    const waiters = new Set<() => void>();
    const http = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ authorization: request.headers.authorization, track: JSON.parse(body) as Track });
        const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
        response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body ?? {}));
        for (const waiter of waiters) waiter();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => http.close());
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const until = (count: number) =>
      new Promise<void>((resolve) => {
        const waiter = () => {
          if (received.length < count) return;
          waiters.delete(waiter);
          resolve();
        };
        waiters.add(waiter);
        waiter();
      });
    return { url, received, until };
  }

  it('retries a failed post until it lands, with the token, and logs it once', async () => {
    const stand = await server([{ status: 503 }, { status: 200, body: { repeat: false } }]);
    const logged: string[] = [];
    let posted!: () => void;
    const done = new Promise<void>((resolve) => {
      posted = resolve;
    });
    const poster = new Poster({
      url: `${stand.url}/`,
      token: 'encnp_test',
      log: (event) => {
        logged.push(event);
        if (event === 'posted') posted();
      },
      fatal: () => {},
    });
    poster.post({ title: 'x'.repeat(300), artist: 'Band' }, Date.now());
    await done;
    expect(stand.received).toHaveLength(2);
    expect(stand.received[1]).toEqual({
      authorization: 'Bearer encnp_test',
      track: { title: 'x'.repeat(200), artist: 'Band' },
    });
    expect(logged).toEqual(['retrying', 'posted']);
  });

  it('drops a track still being retried when a newer one loads', async () => {
    const stand = await server([{ status: 503 }, { status: 200 }]);
    let posted!: (track: unknown) => void;
    const done = new Promise((resolve) => {
      posted = resolve;
    });
    const poster = new Poster({
      url: stand.url,
      token: 't',
      log: (event, fields) => {
        if (event === 'posted') posted(fields.title);
      },
      fatal: () => {},
    });
    poster.post({ title: 'Old', artist: '' }, Date.now());
    await stand.until(1);
    poster.post({ title: 'New', artist: '' }, Date.now());
    expect(await done).toBe('New');
    expect(stand.received.map((r) => r.track.title)).toEqual(['Old', 'New']);
  });

  it('stops on a refused token with the server’s message', async () => {
    const stand = await server([{ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'revoked' } } }]);
    const fatal = new Promise<string>((resolve) => {
      new Poster({ url: stand.url, token: 't', log: () => {}, fatal: resolve }).post({ title: 'A', artist: '' }, 0);
    });
    expect(await fatal).toBe('revoked');
  });
});
