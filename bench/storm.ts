// `npm run bench:storm`: a reconnect storm on one Room (local stack, fresh state). While about
// 20 events/s flow (10 tips/s, 10 chats/s from 25 chatters, one message every 2.5 s each), the
// bench drops STORM_VIEWERS anonymous viewer sockets at once and reconnects each within 0-10 s
// with the last sequence number it saw, as a page does after a network blip. Prints:
//   - hello-to-welcome p50/p99/max of the rejoins, and the welcome frames' sizes;
//   - how each rejoin was answered (replayed, reset) and whether any viewer missed an event,
//     got one twice or out of order (every frame's sequence numbers are checked);
//   - the longest silence seen by viewers that stayed connected, from the drop on (the Room
//     processing the closes and the rejoins);
//   - chat messages refused as too fast (the chatters send well under the limit).
// Beside each: the CPU this process and wrangler's processes used. The machine may be shared:
// compare runs made under the same conditions, not absolute figures.

import WebSocket from 'ws';
import { startStack } from '../dev/stack.ts';
import {
  cpuSeconds,
  guestAddress,
  joinRoom,
  jsonPoster,
  Latencies,
  type RoomSocket,
  workerdCpu,
} from './room-sockets.ts';

const HANDLE = 'nova';
const viewers = Number(process.env.STORM_VIEWERS ?? 2_000);
const spreadMs = Number(process.env.STORM_SPREAD_MS ?? 10_000);
const TIPPERS = 10;
const CHATTERS = 25;
const WATCHERS = 5;

const stack = await startStack();
const post = jsonPoster(stack.origin);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const line = (label: string, figure: string) => console.log(`${label.padEnd(58)} ${figure}`);

const SEQ = /"seq":(\d+)/g;
const RESUME = /"resume":"(\w+)"/;
/** What every viewer saw, checked frame by frame without parsing JSON (the client stays lean). */
const seen = { gaps: 0, doubled: 0, resumes: new Map<string, number>() };

/** A viewer that follows the sequence: `last` is what it would send as lastSeq. */
class Viewer {
  last = 0;
  ws: WebSocket | undefined;
  /**
   * Each viewer is a guest on a network of its own (the Room counts and caps guests per network), and rejoins
   * from it.
   */
  private readonly address = guestAddress();

  /** Joins (or rejoins with lastSeq); resolves with hello-to-welcome ms and the welcome's size. */
  join(lastSeq?: number): Promise<{ ms: number; bytes: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${stack.origin.replace(/^http/, 'ws')}/rooms/${HANDLE}/ws`, {
        headers: { Origin: stack.origin },
        localAddress: this.address,
        perMessageDeflate: false,
      });
      this.ws = ws;
      let helloAt = 0;
      let welcomed = false;
      ws.on('open', () => {
        helloAt = performance.now();
        ws.send(
          JSON.stringify({
            type: 'hello',
            version: 1,
            keepsState: true,
            ...(lastSeq === undefined ? {} : { lastSeq }),
          }),
        );
      });
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"welcome"') || text.startsWith('{"type":"resumed"')) {
          welcomed = true;
          this.welcome(text);
          resolve({ ms: performance.now() - helloAt, bytes: data.length });
        } else if (text.startsWith('{"type":"events"')) this.follow(text, 0);
      });
      ws.on('error', (error) => {
        if (!welcomed) reject(error);
      });
      ws.on('close', () => {
        if (!welcomed) reject(new Error('closed before welcome'));
      });
    });
  }

  private welcome(text: string): void {
    // `resumed` (a page that keeps its state) carries no snapshot and no resume field.
    const resume = text.startsWith('{"type":"resumed"') ? 'resumed' : (RESUME.exec(text)?.[1] ?? 'none');
    seen.resumes.set(resume, (seen.resumes.get(resume) ?? 0) + 1);
    const missedAt = text.indexOf('"missed":[');
    const snapshotAt = text.indexOf('"snapshot":');
    if (resume !== 'replayed' && resume !== 'resumed' && snapshotAt >= 0) {
      // Start over from the snapshot's number (the last "seq" before the missed list).
      let snapshotSeq = this.last;
      for (const m of text.slice(snapshotAt, missedAt >= 0 ? missedAt : undefined).matchAll(SEQ))
        snapshotSeq = Number(m[1]);
      this.last = snapshotSeq;
    }
    if (missedAt >= 0) this.follow(text, missedAt);
  }

  private follow(text: string, from: number): void {
    SEQ.lastIndex = from;
    for (let m = SEQ.exec(text); m; m = SEQ.exec(text)) {
      const seq = Number(m[1]);
      if (seq <= this.last) seen.doubled += 1;
      else if (seq > this.last + 1) seen.gaps += 1;
      if (seq > this.last) this.last = seq;
    }
    SEQ.lastIndex = 0;
  }

  drop(): void {
    this.ws?.terminate();
  }
}

try {
  const setup = await post<{ tippers: string[] }>('/dev/bench/setup', {
    tippers: TIPPERS + CHATTERS,
    tokens: 1_000_000,
  });
  const { tokens } = await post<{ tokens: string[] }>('/dev/bench/sessions', { users: setup.tippers });
  let refused = 0;
  let accepted = 0;
  const onWriter = (text: string) => {
    if (text.startsWith('{"type":"rejected"') && text.includes('"RATE_LIMITED"')) refused += 1;
    else if (text.startsWith('{"type":"chat.result"')) accepted += 1;
  };
  const tippers = await Promise.all(tokens.slice(0, TIPPERS).map((t) => joinRoom(stack.origin, HANDLE, onWriter, t)));
  const chatters = await Promise.all(tokens.slice(TIPPERS).map((t) => joinRoom(stack.origin, HANDLE, onWriter, t)));
  console.log(
    `Encore reconnect storm: room @${HANDLE} on ${stack.origin} (wrangler dev, fresh state), ${viewers} ` +
      `viewers, rejoins spread over ${spreadMs / 1000} s`,
  );

  // The event flow runs for the whole bench: 10 tips/s and 10 chats/s.
  let flowing = true;
  let n = 0;
  const flow = (async () => {
    const started = performance.now();
    let tips = 0;
    let chats = 0;
    while (flowing) {
      const elapsed = (performance.now() - started) / 1000;
      while (tips < elapsed * 10)
        tippers[tips++ % TIPPERS]!.send({
          type: 'tip.send',
          clientId: `storm-t-${n++}`,
          amount: 1,
          note: `storm tip ${n}`,
        });
      while (chats < elapsed * 10)
        chatters[chats++ % CHATTERS]!.send({
          type: 'chat.send',
          clientId: `storm-c-${n++}`,
          text: `a chat message of ordinary length, number ${n}`,
        });
      await sleep(5);
    }
  })();
  // The watchers stay connected and time the Room's silences.
  let watching = false;
  let lastFrame = 0;
  let silence = 0;
  let shownViewers = 0;
  let settledAt = 0;
  const PRESENCE = /"kind":"presence","viewers":(\d+)/g;
  const watchers: RoomSocket[] = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      joinRoom(stack.origin, HANDLE, (text, at) => {
        if (watching) silence = Math.max(silence, at - lastFrame);
        lastFrame = at;
        for (const m of text.matchAll(PRESENCE)) shownViewers = Number(m[1]);
        if (shownViewers <= WATCHERS + TIPPERS + CHATTERS && !settledAt) settledAt = at;
      }),
    ),
  );
  await sleep(20_000); // past 200 chat messages and 20 tips: the snapshot is full size
  const audience = Array.from({ length: viewers }, () => new Viewer());
  const joined = new Latencies();
  let next = 0;
  const lane = async () => {
    while (next < viewers) joined.add((await audience[next++]!.join()).ms);
  };
  await Promise.all(Array.from({ length: 50 }, lane)); // 50 upgrades at a time, as bench:room joins
  line(
    `  ${viewers} viewers joined (fresh)`,
    `hello-to-welcome p50 ${joined.percentile(50)} ms  p99 ${joined.percentile(99)} ms`,
  );
  await sleep(3_000);
  seen.resumes.clear();
  const refusedBefore = refused;
  const acceptedBefore = accepted;

  // The storm: every viewer's socket drops at once; each returns within 0-10 s with its lastSeq.
  const cpu = cpuSeconds(stack.stateDir);
  const started = performance.now();
  lastFrame = started;
  silence = 0;
  watching = true;
  for (const v of audience) v.drop();
  const rejoin = new Latencies();
  const sizes: number[] = [];
  let failed = 0;
  await Promise.all(
    audience.map(async (v) => {
      await sleep(Math.random() * spreadMs);
      try {
        const { ms, bytes } = await v.join(v.last);
        rejoin.add(ms);
        sizes.push(bytes);
      } catch {
        failed += 1;
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const used = cpuSeconds(stack.stateDir);
  await sleep(3_000); // events that follow the rejoins are checked too
  watching = false;
  const stormSilence = silence;

  // Closes alone: every viewer leaves at once and nobody comes back. How long until the Room
  // has processed them (the count shown falls to those still connected), and how long it went
  // without sending anything meanwhile.
  // STORM_MARK=1: says when the closes come, 8 s ahead, so a profiler can attach to wrangler's inspector.
  if (process.env.STORM_MARK) {
    console.log('  (the closes start in 8 s)');
    await sleep(8_000);
  }
  // STORM_QUIET_CLOSES=1: the closes with no events flowing, to tell their own cost from the fan-out's.
  if (process.env.STORM_QUIET_CLOSES) flowing = false;
  const closeCpu = cpuSeconds(stack.stateDir);
  const closeWorkerd = workerdCpu(stack.stateDir);
  const closedAt = performance.now();
  lastFrame = closedAt;
  silence = 0;
  settledAt = 0;
  watching = true;
  for (const v of audience) v.drop();
  while (!settledAt && performance.now() - closedAt < 60_000) await sleep(50);
  await sleep(1_000);
  watching = false;
  const closeWall = (performance.now() - closedAt) / 1000;
  const closeUsed = cpuSeconds(stack.stateDir);
  const closeWorkerdUsed = workerdCpu(stack.stateDir).map((cpu, i) => `${(cpu - (closeWorkerd[i] ?? 0)).toFixed(1)} s`);
  flowing = false;
  await flow;

  sizes.sort((a, b) => a - b);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const resumes = [...seen.resumes].map(([k, v]) => `${v} ${k}`).join(', ');
  const pct = (x: number) => `${Math.round((x / wall) * 100)}%`;
  line(
    `  storm: ${viewers} dropped, rejoined in ${wall.toFixed(1)} s`,
    `${resumes}; ${failed} failed  [cpu: bench ${pct(used.client - cpu.client)}, ` +
      `wrangler+workerd ${pct(used.server - cpu.server)} of one core]`,
  );
  line(
    `FIGURE ${viewers}-viewer storm: hello-to-welcome`,
    `p50 ${rejoin.percentile(50)} ms  p99 ${rejoin.percentile(99)} ms  max ${rejoin.percentile(100)} ms`,
  );
  line(
    'FIGURE welcome frame size on rejoin',
    `mean ${kb(mean)}  p50 ${kb(sizes[Math.floor(sizes.length / 2)] ?? 0)}  max ${kb(sizes.at(-1) ?? 0)}`,
  );
  line('FIGURE longest silence seen by connected viewers', `${Math.round(stormSilence)} ms (events flow every ~50 ms)`);
  const closePct = (x: number) => `${Math.round((x / closeWall) * 100)}%`;
  line(
    `FIGURE ${viewers} closes at once: count settled after`,
    `${settledAt ? Math.round(settledAt - closedAt) : 'over 60,000'} ms; longest ` +
      `silence ${Math.round(silence)} ms  [cpu: bench ${closePct(closeUsed.client - closeCpu.client)}, ` +
      `wrangler+workerd ${closePct(closeUsed.server - closeCpu.server)} of one core]`,
  );
  line('  workerd CPU during the closes, per process (proxy, Worker)', closeWorkerdUsed.join(', '));
  line('FIGURE events missed / doubled or out of order', `${seen.gaps} / ${seen.doubled}`);
  line(
    'FIGURE chats refused as too fast during the storm',
    `${refused - refusedBefore} of ${refused - refusedBefore + accepted - acceptedBefore} (chatters send one ` +
      `every 2.5 s)`,
  );
  for (const s of [...watchers, ...tippers, ...chatters]) s.close();
} finally {
  await stack.stop();
}
process.exit();
