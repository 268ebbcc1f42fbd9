// `npm run bench:api`: latency of three API routes at 100 concurrent connections against the
// local stack (npm run dev's own start script, on a free port with fresh state). Sign-in rate
// limits are lifted for this run only; otherwise the login figure would measure 429s.
// Set BENCH_URL to measure an already running `npm run dev` instead (login will be limited).

import { execSync } from 'node:child_process';
import autocannon from 'autocannon';
import { DEMO } from '../dev/seed.ts';
import { startStack } from '../dev/stack.ts';
import { hashPassword } from '../workers/auth/password.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const stack = process.env.BENCH_URL ? undefined : await startStack({ vars: { AUTH_RATE_LIMIT: '100000000' } });
const origin = process.env.BENCH_URL ?? stack!.origin;

type Target = { name: string; path: string; method?: 'GET' | 'POST'; body?: string; connections?: number };
const login = JSON.stringify({ email: DEMO.viewer.email, password: DEMO.viewer.password });
const targets: Target[] = [
  // The floor: a static file that no Worker code touches, through the same wrangler dev stack.
  { name: 'GET /favicon.svg (static, no Worker code)', path: '/favicon.svg' },
  { name: 'GET /api/health', path: '/api/health' },
  { name: 'GET /api/health (10 connections)', path: '/api/health', connections: 10 },
  { name: `GET /api/performers/${DEMO.performer.handle}`, path: `/api/performers/${DEMO.performer.handle}` },
  {
    name: `GET /api/performers/${DEMO.performer.handle} (10 connections)`,
    path: `/api/performers/${DEMO.performer.handle}`,
    connections: 10,
  },
  { name: 'POST /api/auth/login', path: '/api/auth/login', method: 'POST', body: login },
  { name: 'POST /api/auth/login (1 connection)', path: '/api/auth/login', method: 'POST', body: login, connections: 1 },
];

console.log(`Encore API benchmark: ${origin}, ${connections} connections, ${seconds} s per route, ${cpuModel()}`);
for (const target of targets) {
  await warmUp(target);
  const result = await autocannon({
    url: origin + target.path,
    method: target.method ?? 'GET',
    connections: target.connections ?? connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', origin },
    ...(target.body ? { body: target.body } : {}),
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${target.name.padEnd(48)} p50 ${String(result.latency.p50).padStart(4)} ms  ` +
      `p99 ${String(result.latency.p99).padStart(4)} ms  ` +
      `${Math.round(result.requests.average).toString().padStart(6)} req/s  ${result.requests.total} ` +
      `requests, ${failures} failed`,
  );
}

// What one password check costs: PBKDF2-SHA256, 100,000 iterations (Node's WebCrypto, same code).
const samples: number[] = [];
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  await hashPassword('benchmark password', 'pepper');
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
console.log(`PBKDF2-SHA256 x100,000, one hash (Node 22 WebCrypto): median ${samples[10]!.toFixed(1)} ms`);
await stack?.stop();

async function warmUp(target: Target): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await fetch(origin + target.path, {
      method: target.method ?? 'GET',
      headers: { 'content-type': 'application/json', origin },
      ...(target.body ? { body: target.body } : {}),
    });
  }
}

function cpuModel(): string {
  try {
    return (
      execSync("grep -m1 'model name' /proc/cpuinfo", { encoding: 'utf8' }).split(':')[1]!.trim() +
      `, ${execSync('nproc', { encoding: 'utf8' }).trim()} cores`
    );
  } catch {
    return 'unknown CPU';
  }
}
