// `npm run bench:nowplaying`: the time from the companion seeing a new track in a Serato session file to the
// room page (Chromium) showing it, p50/p95, on a fresh local stack. Each round makes a now-playing token,
// starts the companion on a Sessions folder and writes BENCH_NP_TRACKS tracks into a session file one at a
// time, each once the page shows the one before. "Seen" is the companion's own clock when it read the new
// entry; "shown" is the page's clock when the now-playing line changed (one machine, one clock). Rounds keep
// each token under its posting limit (30 a minute).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startStack } from '../dev/stack.ts';
import { launchChromium } from '../test/e2e/chromium.ts';
import { Companion } from '../test/e2e/companion.ts';
import { type FixtureTrack, sessionFile } from '../test/node/serato-session-file.ts';

const rounds = Number(process.env.BENCH_NP_ROUNDS ?? 3);
const tracksPerRound = Math.min(Number(process.env.BENCH_NP_TRACKS ?? 25), 29);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const stack = await startStack();
const browser = await launchChromium();
const serato = mkdtempSync(join(tmpdir(), 'encore-bench-serato-'));
let context: BrowserContext | undefined;
try {
  const origin = stack.origin;
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email: 'performer@encore.local', password: 'encore-performer-demo' }),
  });
  if (!login.ok) throw new Error(`log-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/live/nova`);
  await page.getByRole('heading', { name: /Nova Lane/ }).waitFor();
  // The page's clock when the now-playing line first shows each title.
  await page.evaluate(() => {
    const shown: Record<string, number> = {};
    (window as unknown as { shown: typeof shown }).shown = shown;
    new MutationObserver(() => {
      const title = document.querySelector('.now-playing-current strong')?.textContent;
      if (title && !(title in shown)) shown[title] = Date.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const seenToShown: number[] = [];
  const writtenToSeen: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const made = await fetch(`${origin}/api/studio/now-playing/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
      body: JSON.stringify({ name: `Bench ${round}` }),
    });
    const { secret } = (await made.json()) as { secret: string };
    const sessions = join(serato, `round-${round}`, 'History', 'Sessions');
    mkdirSync(sessions, { recursive: true });
    const companion = new Companion(['--serato', join(serato, `round-${round}`), '--url', origin, '--token', secret]);
    await companion.next((l) => l.event === 'watching');
    const tracks: FixtureTrack[] = [];
    for (let n = 0; n < tracksPerRound; n++) {
      const title = `Bench track ${round}.${n}`;
      tracks.push({ title, artist: 'Bench DJ', path: `/Music/${round}-${n}.mp3`, deck: (n % 2) + 1 });
      const from = companion.lines.length;
      const written = Date.now();
      writeFileSync(join(sessions, 'bench.session'), sessionFile(tracks));
      const seen = await companion.next((l) => l.event === 'seen' && l.title === title, from);
      await page.waitForFunction(
        (t) => (window as unknown as { shown: Record<string, number> }).shown[t] !== undefined,
        title,
      );
      const shownAt = await page.evaluate(
        (t) => (window as unknown as { shown: Record<string, number> }).shown[t]!,
        title,
      );
      seenToShown.push(shownAt - seen.seenAt!);
      writtenToSeen.push(seen.seenAt! - written);
    }
    await companion.stop();
  }
  const report = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `${label}: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, ` +
        `max ${sorted.at(-1)} ms (${sorted.length} tracks)`,
    );
  };
  console.log(`now playing, ${rounds} rounds of ${tracksPerRound} tracks, local stack and headless Chromium:`);
  report('companion saw the track -> room page showed it', seenToShown);
  report('session file written -> companion saw the track', writtenToSeen);
} finally {
  await context?.close();
  await browser.close();
  await stack.stop();
  rmSync(serato, { recursive: true, force: true });
}
