// `npm run bench:notify`: a performer with BENCH_NOTIFY_FOLLOWERS followers (10,000 by default) goes live
// on the local stack (fresh state). Every follower has a push subscription on the local push service and
// email on. Measured: time from the go-live answer until each push reached the push service and each email
// was captured (p50/p99 per recipient, and the last one), D1 rows written per recipient, and duplicates
// (must be 0) while the consumer is made to fail midway on 5% of first deliveries.

import { spawnSync } from 'node:child_process';
import { DEMO } from '../dev/seed.ts';
import { startStack } from '../dev/stack.ts';
import { PushSubscriber } from '../test/push-subscriber.ts';

const followers = Number(process.env.BENCH_NOTIFY_FOLLOWERS ?? 10_000);
const failPercent = process.env.BENCH_NOTIFY_FAIL_PERCENT ?? '5';
const stack = await startStack({ vars: { NOTIFY_BENCH_FAIL_PERCENT: failPercent } });
const origin = stack.origin;
const root = new URL('..', import.meta.url).pathname;

function d1(args: string[]): string {
  const result = spawnSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stack.stateDir, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr}`);
  return result.stdout;
}
const rows = <T>(sql: string): T[] => (JSON.parse(d1(['--json', '--command', sql])) as { results: T[] }[])[0]!.results;

try {
  // The audience, written by the Worker's bench route: users, their follows and push subscriptions.
  const keys = (await PushSubscriber.create()).toJSON().keys;
  for (let from = 0; from < followers; from += 500) {
    const response = await fetch(`${origin}/dev/bench/followers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ performerId: DEMO.performer.id, from, count: Math.min(500, followers - from), ...keys }),
    });
    if (!response.ok) throw new Error(`could not make followers: ${response.status} ${await response.text()}`);
  }

  // Nova goes live.
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email: DEMO.performer.email, password: DEMO.performer.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const live = await fetch(`${origin}/api/studio/live`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
    body: JSON.stringify({ title: 'Bench night' }),
  });
  if (live.status !== 200) throw new Error(`could not go live: ${live.status} ${await live.text()}`);
  const start = Date.now();

  // Wait for every push (the push service's own clock) and every email (the mailbox's created_at).
  let pushes: { id: string; at: number }[] = [];
  const deadline = start + 15 * 60_000;
  while (Date.now() < deadline) {
    pushes = ((await (await fetch(`${origin}/dev/push/received/times`)).json()) as { pushes: typeof pushes }).pushes;
    const mails = rows<{ n: number }>(
      "select count(*) as n from local_mailbox where subject like 'Nova Lane is live%'",
    );
    if (pushes.length >= followers && mails[0]!.n >= followers) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const mails = rows<{ to: string; at: number }>(
    'select "to", created_at as at from local_mailbox where subject like \'Nova Lane is live%\'',
  );

  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  };
  const pushTimes = pushes.map((p) => p.at - start);
  const mailTimes = mails.map((m) => m.at - start);
  const duplicates = (ids: string[]) => ids.length - new Set(ids).size;
  const written = rows<{ t: string; n: number }>(
    `select 'go_live_notices' as t, count(*) as n from go_live_notices
     union all select 'notification_deliveries', count(*) from notification_deliveries
     union all select 'notifications', count(*) from notifications
     union all select 'local_mailbox', count(*) from local_mailbox where subject like 'Nova Lane is live%'`,
  );
  const total = written.reduce((n, r) => n + r.n, 0);
  console.log(`followers: ${followers}, consumer failing midway on ${failPercent}% of first deliveries`);
  console.log(`pushes received: ${pushes.length}, emails captured: ${mails.length}`);
  const spread = (times: number[]) =>
    `p50 ${pct(times, 50)} ms, p99 ${pct(times, 99)} ms, last ${Math.max(...times)} ms`;
  console.log(`push  per recipient: ${spread(pushTimes)}`);
  console.log(`email per recipient: ${spread(mailTimes)}`);
  const perRecipient = (total / followers).toFixed(2);
  console.log(`D1 rows written: ${written.map((r) => `${r.t} ${r.n}`).join(', ')}; ${perRecipient} per recipient`);
  console.log(
    `duplicates: pushes ${duplicates(pushes.map((p) => p.id))}, emails ${duplicates(mails.map((m) => m.to))}`,
  );
} finally {
  await stack.stop();
}
