// `npm run bench:shows`: 200 concurrent private shows (BENCH_SHOWS), each in its own Room, with the short billing
// minute (2 s, BENCH_MINUTE_MS; the local stack's SHOW_MINUTE_MS) for 60 s (BENCH_SECONDS) on a fresh local stack.
// Each Room goes live and runs its viewer's show through the same desk as the socket (a local-only bench route),
// billed by its own alarm. Prints minutes billed against minutes expected (must be equal), the alarm lateness
// (a minute's boundary to its committed charge, negative when taken ahead as it should be) p50/p99, the show
// holds left, then `ledger:check`.
import { spawnSync } from 'node:child_process';
import { startStack } from '../dev/stack.ts';
import { joinRoom, jsonPoster } from './room-sockets.ts';

const SHOWS = Number(process.env.BENCH_SHOWS ?? 200);
const MINUTE_MS = Number(process.env.BENCH_MINUTE_MS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = 10;

type Pair = { performerId: string; handle: string; viewerId: string; viewerHandle: string };
type Seat = { startedAt: number | null; endedAt: number | null; used: number | null; paid: number; minuteMs: number };
/** What the Room reports (durable-objects/shows/bench-figures.ts). */
type Figures = { seats: (Seat & { reason: string | null })[]; lateness: number[] };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

const stack = await startStack({ vars: { SHOW_MINUTE_MS: String(MINUTE_MS) } });
const post = jsonPoster(stack.origin);
try {
  const pairs: Pair[] = [];
  for (let made = 0; made < SHOWS; made += 20) {
    const { pairs: more } = await post<{ pairs: Pair[] }>('/dev/bench/shows-setup', {
      count: Math.min(20, SHOWS - made),
      tokens: 100_000,
      rate: RATE,
    });
    pairs.push(...more);
  }
  const order = (p: Pair, step: string) =>
    post<Figures>('/dev/bench/show', {
      handle: p.handle,
      performerId: p.performerId,
      viewer: { userId: p.viewerId, handle: p.viewerHandle },
      step,
    });
  // Both sides keep their room page open (a socket each), as a real show's do: a seat or a performer with no
  // page is away, and past the grace its show ends (durable-objects/shows/seat-presence.ts).
  const users = pairs.flatMap((p) => [p.performerId, p.viewerId]);
  const { tokens } = await post<{ tokens: string[] }>('/dev/bench/sessions', { users });
  const sockets = await Promise.all(
    pairs.flatMap((p, i) =>
      [tokens[2 * i], tokens[2 * i + 1]].map((t) => joinRoom(stack.origin, p.handle, () => {}, t)),
    ),
  );
  const started = performance.now();
  await Promise.all(pairs.map((p) => order(p, 'start')));
  console.log(`${SHOWS} private shows started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const ended = await Promise.all(pairs.map((p) => order(p, 'end')));
  for (const socket of sockets) socket.close();
  let billed = 0;
  let expected = 0;
  let unequal = 0;
  const lateness: number[] = [];
  for (const figures of ended) {
    for (const seat of figures.seats) {
      const wanted =
        seat.startedAt === null || seat.endedAt === null
          ? 0
          : Math.floor((seat.endedAt - seat.startedAt) / seat.minuteMs) + 1;
      billed += seat.used ?? 0;
      expected += wanted;
      if ((seat.used ?? 0) !== wanted && ++unequal <= 3)
        console.log(`billed other than expected: ${JSON.stringify({ ...seat, wanted })}`);
    }
    lateness.push(...figures.lateness);
  }
  lateness.sort((a, b) => a - b);
  const line = (label: string, value: string | number) =>
    console.log(`${label.padEnd(52)} ${String(value).padStart(10)}`);
  line('shows', ended.length);
  line('room sockets held open (a performer and a viewer each)', sockets.length);
  line('billing minute (ms)', MINUTE_MS);
  line('minutes billed', billed);
  line('minutes expected (started minutes at each end)', expected);
  line('shows billed other than expected (must be 0)', unequal);
  line('charges after the first', lateness.length);
  // Each next minute is taken ahead of its boundary (chargeLead), so a negative figure means in time.
  line('charge committed vs its boundary p50 (ms, < 0 = ahead)', percentile(lateness, 0.5) ?? 0);
  line('charge committed vs its boundary p99 (ms)', percentile(lateness, 0.99) ?? 0);
  line('charge committed vs its boundary max (ms)', lateness.at(-1) ?? 0);
  line('charges committed after their boundary', lateness.filter((ms) => ms > 0).length);
  if (unequal !== 0 || billed !== expected) process.exitCode = 1;
  const holds = spawnSync(
    'npx',
    [
      'wrangler',
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      stack.stateDir,
      '--json',
      '--command',
      "select count(*) as holds from account_balances where account like 'hold:show:%' and balance <> 0",
    ],
    { encoding: 'utf8' },
  );
  const [row] = (JSON.parse(holds.stdout) as { results: { holds: number }[] }[])[0]?.results ?? [];
  line('show holds not empty after the end (must be 0)', String(row?.holds));
  if (row?.holds !== 0) process.exitCode = 1;
  const check = spawnSync(process.execPath, ['dev/ledger-check.ts'], {
    env: { ...process.env, ENCORE_STATE_DIR: stack.stateDir },
    encoding: 'utf8',
  });
  console.log(`\nledger:check after the run:\n${check.stdout}${check.stderr}`);
  if (check.status !== 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
