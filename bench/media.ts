// `npm run bench:media`: live video through the local stack and the dev SFU, in headless
// Chromium. For 1, 5 and 10 viewers opening the room at once: the time from opening the room
// to the first decoded frame on screen (p50, p75, max), the dev SFU's share of one CPU core
// and its memory while they watch; and glass-to-glass latency: the performer's "camera" is a
// canvas painting the wall clock, each viewer reads it back from the frames it shows.
// Everything (Chromium's publisher and viewers, workerd, the SFU) shares this machine's cores.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack } from '../dev/stack.ts';
import { launchChromium } from '../test/e2e/chromium.ts';
import { installCanvasCamera, readClockFor } from './media-clock.ts';
import { type LightPhases, lightViewer } from './media-light-viewers.ts';

const ROUNDS = (process.env.BENCH_VIEWERS ?? '1,5,10').split(',').map(Number);
/** BENCH_BROWSER=0 skips the Chromium viewers (the werift viewers still run). */
const BROWSER_ROUNDS = process.env.BENCH_BROWSER === '0' ? [] : ROUNDS;
const WATCH_MS = Number(process.env.BENCH_WATCH_MS ?? 8000);
/** Viewers arrive this far apart (0: all at once). Real audiences trickle in; 2 cores cannot open ten pages at once. */
const ARRIVAL_MS = Number(process.env.BENCH_ARRIVAL_MS ?? 500);
/**
 * Viewers watch in a phone-sized page by default (the low layer, as most of this audience
 * would): ten desktop-sized Chromium pages decoding the top layer would spend these two cores
 * on decoding and leave little for the system under test. BENCH_VIEWPORT=desktop for the top layer.
 */
const DESKTOP = process.env.BENCH_VIEWPORT === 'desktop';
const VIEWPORT = DESKTOP ? { width: 1280, height: 900 } : { width: 375, height: 800 };

const stack = await startStack();
const browser = await launchChromium();
const sfuStats = `${stack.sfu.url}/dev/stats`;

type Stats = {
  at: number;
  cpu: { userMicros: number; systemMicros: number };
  memory: { rss: number };
  connectedSessions: number;
  packetsOut: number;
};
/** First-frame times as p50 / p75 / max, rounded. */
const spread = (times: number[]): string =>
  [quantile(times, 0.5), quantile(times, 0.75), Math.max(...times)].map(Math.round).join(' / ');
const readStats = async (): Promise<Stats> => (await fetch(sfuStats)).json() as Promise<Stats>;

try {
  const performer = await goLive();
  const pageKind = DESKTOP ? 'desktop (1280×900, top layer)' : 'phone (375×800, low layer)';
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `Encore media benchmark: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; dev SFU on loopback; ` +
      `canvas clock camera 640×360 with simulcast; viewers arrive ${ARRIVAL_MS} ms apart in ${pageKind} pages; ` +
      `load average ${load}`,
  );
  const idle = await sfuCpu(3000);
  console.log(`dev SFU with the publisher only: ${pct(idle.share)} of a core, ${mb(idle.rss)} RSS\n`);
  console.log(
    'viewers | first frame p50 / p75 / max (ms) | SFU CPU (of one core) | +per viewer | SFU RSS | ' +
      'glass-to-glass p50 / p95 (ms), samples',
  );
  const allLatencies: number[] = [];
  for (const n of BROWSER_ROUNDS) {
    const opening = { at: performance.now(), ...processCpu() };
    const contexts = await Promise.all(Array.from({ length: n }, () => browser.newContext({ viewport: VIEWPORT })));
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(
      pages.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, i * ARRIVAL_MS));
        await p.goto(`${stack.origin}/live/nova`);
      }),
    );
    const firsts = await Promise.all(pages.map(firstFrame));
    const phases = await Promise.all(pages.map(phasesOf));
    const opened = { at: performance.now(), ...processCpu() };
    const cores = (k: 'chromium' | 'workerd') =>
      ((opened[k] - opening[k]) / ((opened.at - opening.at) / 1000)).toFixed(2);
    const [usage, latencies] = await Promise.all([
      sfuCpu(WATCH_MS),
      Promise.all(pages.map((p) => p.evaluate(readClockFor, WATCH_MS - 500))),
    ]);
    const flat = latencies.flat();
    allLatencies.push(...flat);
    console.log(
      [
        String(n).padStart(7),
        spread(firsts).padEnd(33),
        pct(usage.share).padEnd(21),
        pct(Math.max(0, usage.share - idle.share) / n).padEnd(10),
        mb(usage.rss).padEnd(7),
        `${Math.round(quantile(flat, 0.5))} / ${Math.round(quantile(flat, 0.95))}, ${flat.length}`,
      ].join(' | '),
    );
    const median = (k: keyof Phases) =>
      Math.round(
        quantile(
          phases.map((p) => p[k]),
          0.5,
        ),
      );
    console.log(
      `        | median phases (ms since opening): page ready ${median('loaded')}, pull starts ${median('pull')}, ` +
        `SFU offer ${median('offer')}, answered ${median('answered')}, first frame ${median('frame')}`,
    );
    console.log(
      `        | while the pages opened, cores busy (of ${cpus().length}): ` +
        `Chromium ${cores('chromium')}, workerd ${cores('workerd')}`,
    );
    await Promise.all(contexts.map((c: BrowserContext) => c.close()));
    await new Promise((r) => setTimeout(r, 1500));
  }
  console.log(
    "\nwithout a browser: werift viewers arriving together take the page's path (watch, answer, renegotiate) " +
      'to the first VP8 keyframe packet, top layer',
  );
  console.log(
    'viewers | first keyframe p50 / p75 / max (ms) | SFU CPU (of one core) | +per viewer | SFU RSS | ' +
      'median ms to: offer, answered, connected, keyframe',
  );
  for (const n of ROUNDS) {
    const viewers = await Promise.all(Array.from({ length: n }, () => lightViewer(stack.origin, 'nova', 'h')));
    // The DTLS handshakes are over after a moment; the CPU figure is for watching, not joining.
    await new Promise((r) => setTimeout(r, 2000));
    const usage = await sfuCpu(WATCH_MS / 2);
    const firsts = viewers.map((v) => v.phases.keyframe);
    const median = (k: keyof LightPhases) =>
      Math.round(
        quantile(
          viewers.map((v) => v.phases[k]),
          0.5,
        ),
      );
    console.log(
      [
        String(n).padStart(7),
        spread(firsts).padEnd(36),
        pct(usage.share).padEnd(21),
        pct(Math.max(0, usage.share - idle.share) / n).padEnd(10),
        mb(usage.rss).padEnd(7),
        `${median('offer')}, ${median('answered')}, ${median('connected')}, ${median('keyframe')}`,
      ].join(' | '),
    );
    await Promise.all(viewers.map((v) => v.close()));
    await new Promise((r) => setTimeout(r, 1500));
  }
  console.log(
    `\nglass-to-glass over all rounds: p50 ${Math.round(quantile(allLatencies, 0.5))} ms, ` +
      `p95 ${Math.round(quantile(allLatencies, 0.95))} ms (${allLatencies.length} frames)`,
  );
  const out = await performer
    .locator('section.broadcast')
    .evaluate((s) => ({ kbps: s.getAttribute('data-kbps'), fps: s.getAttribute('data-fps') }));
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other work on this machine counts against every figure)`,
  );
  console.log(`publisher at the end: ${out.kbps} kbps, ${out.fps} fps (top layer)`);
} finally {
  await browser.close();
  await stack.stop();
}

/** The demo performer, live, with the canvas clock as the camera. */
async function goLive(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installCanvasCamera);
  const page = await context.newPage();
  await page.goto(`${stack.origin}/login`);
  await page.getByLabel('Email').fill('performer@encore.local');
  await page.getByLabel('Password', { exact: true }).fill('encore-performer-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${stack.origin}/studio`);
  await page.goto(`${stack.origin}/studio/live`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.getByRole('textbox', { name: 'Show title' }).fill('Clock');
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 30_000 });
  // Let the publisher's bitrate ramp up before anyone measures.
  await new Promise((r) => setTimeout(r, 4000));
  return page;
}

/** performance.now() at the first frame on screen: milliseconds since the room page was opened. */
async function firstFrame(page: Page): Promise<number> {
  const player = page.locator('.player[data-first-frame-ms]:not([data-first-frame-ms=""])');
  await player.waitFor({ timeout: 30_000 });
  return Number(await player.getAttribute('data-first-frame-ms'));
}

type Phases = { loaded: number; pull: number; offer: number; answered: number; frame: number };
/** Where the time to first frame went, from the page's own performance marks (watcher.ts, player.tsx). */
function phasesOf(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      loaded: nav?.domContentLoadedEventEnd ?? NaN,
      pull: mark('media:pull'),
      offer: mark('media:offer'),
      answered: mark('media:answered'),
      frame: mark('media:first-frame'),
    };
  });
}

/**
 * CPU seconds used so far by this machine's Chromium and workerd processes (from /proc), to show where the
 * cores went.
 */
function processCpu(): { chromium: number; workerd: number } {
  const tick = 100; // USER_HZ
  const totals = { chromium: 0, workerd: 0 };
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const kind = cmd.includes('chromium') ? 'chromium' : cmd.includes('workerd') ? 'workerd' : undefined;
      if (!kind) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[kind] += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // Gone meanwhile.
    }
  }
  return totals;
}

async function sfuCpu(ms: number): Promise<{ share: number; rss: number }> {
  const before = await readStats();
  await new Promise((r) => setTimeout(r, ms));
  const after = await readStats();
  const micros = after.cpu.userMicros + after.cpu.systemMicros - before.cpu.userMicros - before.cpu.systemMicros;
  return { share: micros / ((after.at - before.at) * 1000), rss: after.memory.rss };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
