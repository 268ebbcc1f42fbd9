// `npm run bench:ledger`: tips committed per second through the group-commit primitive and
// through one D1 batch per tip, in the same run, on the same local database (a fresh `npm run
// dev` stack), timed inside the Worker; then the ledger check on that database.
import { spawnSync } from 'node:child_process';
import { startStack } from '../dev/stack.ts';

const tippers = Number(process.env.BENCH_TIPPERS ?? 200);
const naiveCount = Number(process.env.BENCH_NAIVE_TIPS ?? 1000);
const groupCount = Number(process.env.BENCH_GROUP_TIPS ?? 10000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const batchSizes = (process.env.BENCH_BATCH_SIZES ?? '100,500').split(',').map(Number);

const stack = await startStack();
try {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(stack.origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const setup = await post<{ performer: string; tippers: string[] }>('/dev/bench/setup', {
    tippers,
    tokens: 1_000_000,
  });
  type Run = { count: number; accepted: number; seconds: number };
  const measure = async (label: string, count: number, batchSize: number, mode: 'naive' | 'group' = 'group') => {
    const run = await post<Run>('/dev/bench/tips', { ...setup, count, batchSize, mode });
    const rate = run.accepted / run.seconds;
    console.log(
      `${label.padEnd(36)} ${String(run.accepted).padStart(6)} tips in ${run.seconds.toFixed(2).padStart(6)} ` +
        `s = ${rate.toFixed(0).padStart(6)} tips/s`,
    );
    return rate;
  };
  console.log(
    `Encore ledger benchmark: ${tippers} tippers, one performer, local D1 under wrangler dev, ${rounds} rounds`,
  );
  // Alternate the paths round by round, so a busy moment on this shared machine hits both alike;
  // report each path's median rate.
  const rates = new Map<string, number[]>();
  for (let round = 1; round <= rounds; round++) {
    const note = (label: string, rate: number) => rates.set(label, [...(rates.get(label) ?? []), rate]);
    note('one D1 batch per tip', await measure(`round ${round}: one D1 batch per tip`, naiveCount, 1, 'naive'));
    for (const size of batchSizes)
      note(
        `group commit, ${size} per batch`,
        await measure(`round ${round}: group commit, ${size} per batch`, groupCount, size),
      );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const naive = median(rates.get('one D1 batch per tip')!);
  console.log('');
  for (const [label, xs] of rates) {
    const m = median(xs);
    console.log(
      `${label.padEnd(36)} median ${m.toFixed(0).padStart(6)} ` +
        `tips/s${label.startsWith('group') ? `   ${(m / naive).toFixed(1)}x one batch per tip` : ''}`,
    );
  }
  const check = spawnSync(process.execPath, ['dev/ledger-check.ts'], {
    env: { ...process.env, ENCORE_STATE_DIR: stack.stateDir },
    encoding: 'utf8',
  });
  console.log(`\nledger:check after the run:\n${check.stdout}${check.stderr}`);
  if (check.status !== 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
