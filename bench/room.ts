// `npm run bench:room`: one Room on the local stack (wrangler dev, fresh state), driven through
// real WebSockets from this process. Prints one line per figure:
//   1. tips/s committed with 10 viewers connected (they are the tippers), group commit and
//      coalesced frames vs the naive path (one D1 batch per tip, one frame per event per socket),
//      alternated round by round in the same run;
//   2. at 1,000 viewers, 50 tips/s and 20 chat messages/s: p50/p99 send-to-receipt on every
//      viewer, and events lost;
//   3. the largest viewer count (of BENCH_STEPS) at which 95% of deliveries arrive within 250 ms at 20 events/s;
//   4. ledger:check on the database afterwards.
// Beside each: the CPU this process and wrangler's processes used (they share the machine's cores).
import { spawnSync } from 'node:child_process';
import { startStack } from '../dev/stack.ts';
import { cpuSeconds, joinMany, joinRoom, jsonPoster, Latencies, type RoomSocket } from './room-sockets.ts';

const HANDLE = 'nova';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const groupTips = Number(process.env.BENCH_GROUP_TIPS ?? 20_000);
const naiveTips = Number(process.env.BENCH_NAIVE_TIPS ?? 1_000);
const window = Number(process.env.BENCH_WINDOW ?? 200);
const viewers = Number(process.env.BENCH_VIEWERS ?? 1_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 8);
/** Viewer counts tried for the capacity figure, in order, until one misses 95% within 250 ms. */
const steps = (process.env.BENCH_STEPS ?? '250,500,750,1000,1250,1500,1750,2000,2500,3000').split(',').map(Number);
const TIPPERS = 10;
const CHATTERS = 25;

const stack = await startStack();
const post = jsonPoster(stack.origin);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const line = (label: string, figure: string) => console.log(`${label.padEnd(62)} ${figure}`);

/** The Room takes tips only during a show: the seeded performer of @nova goes live, as the studio would. */
async function demoShowStarts(): Promise<void> {
  const json = { 'content-type': 'application/json', origin: stack.origin };
  const login = await fetch(`${stack.origin}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'performer@encore.local', password: 'encore-performer-demo' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const live = await fetch(`${stack.origin}/api/studio/live`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ title: 'Benchmark' }),
  });
  if (!live.ok) throw new Error(`the demo performer could not go live: ${live.status} ${await live.text()}`);
}

/** What each socket does with a frame depends on the phase; these are swapped per phase. */
let onTipperFrame = (_socket: number, _text: string) => {};
let onViewerFrame = (_text: string, _at: number) => {};

try {
  const setup = await post<{ tippers: string[] }>('/dev/bench/setup', {
    tippers: TIPPERS + CHATTERS,
    tokens: 1_000_000,
  });
  const { tokens } = await post<{ tokens: string[] }>('/dev/bench/sessions', { users: setup.tippers });
  await demoShowStarts();
  const tippers = await Promise.all(
    tokens.slice(0, TIPPERS).map((t, i) => joinRoom(stack.origin, HANDLE, (text) => onTipperFrame(i, text), t)),
  );
  console.log(`Encore room benchmark: room @${HANDLE} on ${stack.origin} (wrangler dev, fresh state), ${cpuModel()}`);

  // 1. Throughput: each of the 10 viewers keeps `window` tips in flight until `count` were answered.
  // `direct` puts the tips on the Room's tip desk in one call instead (no socket frames), which
  // separates the commit path from the cost of reading one frame per tip.
  const throughput = async (naive: boolean, count: number, direct = false): Promise<number> => {
    await post('/dev/bench/room-mode', { handle: HANDLE, naive });
    const tag = `${naive ? 'n' : 'g'}${direct ? 'd' : 's'}${Math.random().toString(36).slice(2, 8)}`;
    let sent = 0;
    let answered = 0;
    let accepted = 0;
    const cpu = cpuSeconds(stack.stateDir);
    const started = performance.now();
    let ended = started;
    await new Promise<void>((done, fail) => {
      // wrangler dev reloads the Worker when a source file changes, which closes every socket.
      const watch = setInterval(() => {
        if (tippers.every((t) => t.open)) return;
        clearInterval(watch);
        fail(
          new Error(
            'a tipper socket closed mid-run: did a source file change (wrangler reloads the Worker)? Run on ' +
              'a quiet tree.',
          ),
        );
      }, 500);
      const sendFrom = (i: number) => {
        if (direct || sent >= count) return;
        tippers[i]!.send({ type: 'tip.send', clientId: `bench-${tag}-${sent++}`, amount: 1 });
      };
      onTipperFrame = (i, text) => {
        const ok = text.startsWith('{"type":"tip.result"');
        if (!ok && !text.startsWith('{"type":"rejected"')) return;
        answered += 1;
        if (ok) accepted += 1;
        if (answered === count) {
          ended = performance.now();
          clearInterval(watch);
          done();
        } else sendFrom(i);
      };
      if (direct)
        void post('/dev/bench/room-tips', { handle: HANDLE, tippers: setup.tippers.slice(0, TIPPERS), count, tag });
      for (let k = 0; k < window; k++) for (let i = 0; i < TIPPERS; i++) sendFrom(i);
    });
    const elapsed = (ended - started) / 1000;
    const used = cpuSeconds(stack.stateDir);
    const rate = accepted / elapsed;
    const how = `${naive ? 'naive path' : 'group commit'}${direct ? ', put on the desk directly' : ''}`;
    line(
      `  ${how}: ${accepted}/${count} tips in ${elapsed.toFixed(2)} s`,
      `${rate.toFixed(0).padStart(6)} tips/s  ${cpuNote(cpu, used, elapsed)}`,
    );
    onTipperFrame = () => {};
    return rate;
  };
  const group: number[] = [];
  const naive: number[] = [];
  const groupDirect: number[] = [];
  const naiveDirect: number[] = [];
  await throughput(false, 2_000); // warm-up: JIT, D1 pages, the Room's SQLite (BENCH_ROUNDS=0 measures latency only)
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round}`);
    naive.push(await throughput(true, naiveTips));
    group.push(await throughput(false, groupTips));
    naiveDirect.push(await throughput(true, naiveTips, true));
    groupDirect.push(await throughput(false, groupTips, true));
  }
  await post('/dev/bench/room-mode', { handle: HANDLE, naive: false });
  const ratio = (g: number[], n: number[]) =>
    `${median(g).toFixed(0)} tips/s group commit vs ${median(n).toFixed(0)} tips/s naive ` +
    `= ${(median(g) / median(n)).toFixed(1)}x`;
  if (rounds > 0) {
    line(
      'FIGURE tips/s, one Room, 10 viewers tipping by socket (median)',
      `${ratio(group, naive)}  (goal >= 5,000 and >= 12x)`,
    );
    line('  the commit path alone (tips put on the desk, no frames) (median)', ratio(groupDirect, naiveDirect));
  }

  // 2 and 3. Latency: anonymous viewers measure; tippers and chatters (signed in) send.
  const sentAt = new Float64Array(2_000_000);
  const received = new Uint32Array(sentAt.length);
  const accepted = new Uint8Array(sentAt.length);
  let nextId = 1;
  let latencies = new Latencies();
  let measuring = false;
  const MARKER = /"(?:text|note)":"~(\d+)"/g;
  onViewerFrame = (text, at) => {
    if (!measuring) return;
    for (const m of text.matchAll(MARKER)) {
      const id = Number(m[1]);
      received[id]! += 1;
      latencies.add(at - sentAt[id]!);
    }
  };
  const RESULT = /^\{"type":"(?:chat|tip)\.result","clientId":"bench-[a-z]+-(\d+)"/;
  const markAccepted = (text: string) => {
    const m = RESULT.exec(text);
    if (m) accepted[Number(m[1])] = 1;
  };
  onTipperFrame = (_i, text) => markAccepted(text);
  const chatters = await Promise.all(tokens.slice(TIPPERS).map((t) => joinRoom(stack.origin, HANDLE, markAccepted, t)));
  const audience: RoomSocket[] = [];
  const grow = async (to: number) => {
    for (const extra of audience.splice(to)) extra.close();
    const more = await joinMany(Math.max(0, to - audience.length), 50, () =>
      joinRoom(stack.origin, HANDLE, (text, at) => onViewerFrame(text, at)),
    );
    audience.push(...more);
    await sleep(1_000); // let the presence events of the joins (or leaves) go out before measuring
  };

  /** Sends at `tipsPerSecond` and `chatsPerSecond` for `duration` s, then waits for stragglers. */
  const load = async (tipsPerSecond: number, chatsPerSecond: number, duration: number) => {
    latencies = new Latencies();
    const first = nextId;
    measuring = true;
    const cpu = cpuSeconds(stack.stateDir);
    const started = performance.now();
    let tips = 0;
    let chats = 0;
    while (performance.now() - started < duration * 1000) {
      const elapsed = (performance.now() - started) / 1000;
      while (tips < elapsed * tipsPerSecond) {
        const id = nextId++;
        sentAt[id] = performance.now();
        tippers[tips++ % TIPPERS]!.send({ type: 'tip.send', clientId: `bench-t-${id}`, amount: 1, note: `~${id}` });
      }
      while (chats < elapsed * chatsPerSecond) {
        const id = nextId++;
        sentAt[id] = performance.now();
        chatters[chats++ % CHATTERS]!.send({ type: 'chat.send', clientId: `bench-c-${id}`, text: `~${id}` });
      }
      await sleep(5);
    }
    const used = cpuSeconds(stack.stateDir);
    const wall = (performance.now() - started) / 1000;
    const everyone = audience.length;
    const complete = () => {
      for (let id = first; id < nextId; id++) if (accepted[id] && received[id]! < everyone) return false;
      return true;
    };
    for (let waited = 0; waited < 5_000 && !complete(); waited += 100) await sleep(100);
    measuring = false;
    let expected = 0;
    let lost = 0;
    let doubled = 0;
    let refused = 0;
    for (let id = first; id < nextId; id++) {
      if (!accepted[id]) {
        refused += 1;
        continue;
      }
      expected += everyone;
      lost += Math.max(0, everyone - received[id]!);
      doubled += Math.max(0, received[id]! - everyone);
    }
    return {
      expected,
      lost,
      doubled,
      refused,
      cpu: cpuNote(cpu, used, wall),
      latencies,
      closed: audience.filter((s) => !s.open).length,
    };
  };

  await grow(viewers);
  const steady = await load(50, 20, seconds);
  const l = steady.latencies;
  line(
    `  ${viewers} viewers, 50 tips/s + 20 chats/s for ${seconds} s: ${steady.expected} deliveries`,
    `${steady.cpu}; ${steady.refused} writes refused, ${steady.closed} sockets closed`,
  );
  line(
    `FIGURE ${viewers} viewers, 50 tips/s + 20 chats/s: send-to-receipt`,
    `p50 ${l.percentile(50)} ms  p99 ${l.percentile(99)} ms  max ${l.percentile(100)} ms  ` +
      `lost ${steady.lost}  doubled ${steady.doubled}  (goal p99 <= 100 ms, 0 lost)`,
  );

  // The capacity steps start from an empty room: 750 sockets closing during the first (smaller)
  // step would be measured as that step's delay. A short unmeasured run warms the path again.
  await grow(0);
  await sleep(5_000);
  let best = 0;
  for (const count of steps) {
    await grow(count);
    if (count === steps[0]) await load(10, 10, 2);
    const run = await load(10, 10, stepSeconds);
    const within = run.latencies.within(250);
    line(
      `  ${count} viewers at 20 events/s: ${(within * 100).toFixed(1)}% within 250 ms`,
      `p50 ${run.latencies.percentile(50)} ms  p99 ${run.latencies.percentile(99)} ms  lost ${run.lost}  ${run.cpu}`,
    );
    if (within < 0.95 || run.lost > 0) break;
    best = count;
  }
  line(
    'FIGURE most viewers with 95% of events within 250 ms at 20 events/s',
    `${best > 0 ? best : `< ${steps[0]}`} viewers (tried ${steps.join(', ')}; goal >= 2,000)`,
  );
  for (const s of [...audience, ...chatters, ...tippers]) s.close();

  const check = spawnSync(process.execPath, ['dev/ledger-check.ts'], {
    env: { ...process.env, ENCORE_STATE_DIR: stack.stateDir },
    encoding: 'utf8',
  });
  line('FIGURE ledger:check after the run', check.status === 0 ? 'clean' : `VIOLATIONS (exit ${check.status})`);
  console.log(check.stdout + check.stderr);
  if (check.status !== 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
process.exit();

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

function cpuNote(
  before: { client: number; server: number },
  after: { client: number; server: number },
  wall: number,
): string {
  const pct = (x: number) => `${Math.round((x / wall) * 100)}%`;
  return (
    `[cpu: bench ${pct(after.client - before.client)}, ` +
    `wrangler+workerd ${pct(after.server - before.server)} of one core]`
  );
}

function cpuModel(): string {
  const cpu = spawnSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc"], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  return `${cpu[0]?.trim() ?? 'unknown CPU'}, ${cpu[1] ?? '?'} cores`;
}
