// `npm run dev`: the whole platform on this machine. Secrets are generated on first run,
// the web app is built (and rebuilt on change), D1 migrations are applied and demo accounts
// seeded, then wrangler serves the Worker with local D1, R2 and Durable Objects.
import './check-node.ts';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startClientIpEdge } from './client-ip-edge.ts';
import { ensureDevVars } from './dev-vars.ts';
import { startDeviceSimulator } from './devices/simulator.ts';
import { freePort } from './free-port.ts';
import { PushService } from './push-service.ts';
import { DEMO, seedSql } from './seed.ts';
import { startDevSfu } from './sfu/server.ts';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT ?? 8787);
const origin = `http://127.0.0.1:${port}`;
// Tests run their own stack in a throwaway folder; a developer keeps state in .wrangler/state.
const stateDir = process.env.ENCORE_STATE_DIR ?? join(root, '.wrangler/state');
const persist = ['--persist-to', stateDir];
const quiet = process.env.ENCORE_QUIET === '1';
const children: ChildProcess[] = [];

// Wrangler would fetch a sample `request.cf` from Cloudflare at start; offline that only prints an error before
// falling back to its placeholder. Locally the Worker's geo answers come from X-Encore-Test-Country/Region anyway.
const toolEnv = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env };

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', env: { ...toolEnv, CI: '1' } });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(result.stderr ?? '');
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

function start(cmd: string, args: string[]): ChildProcess {
  // Its own process group, so stopping reaches npx's grandchildren (wrangler's workerd) too.
  const child = spawn(cmd, args, { cwd: root, stdio: quiet ? 'ignore' : 'inherit', env: toolEnv, detached: true });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`${cmd} exited with ${code}; stopping.`);
      stop(1);
    }
  });
  return child;
}

function stop(code = 0): never {
  for (const child of children) {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

const vars = await ensureDevVars(join(root, '.dev.vars'));
// Live video: unless .dev.vars holds a real Realtime app's secret (and the test stack does not
// force it), the dev SFU in dev/sfu answers the Realtime API on loopback inside this process.
const sfu =
  vars.REALTIME_APP_SECRET && process.env.ENCORE_DEV_SFU !== '1'
    ? undefined
    : await startDevSfu({
        port: Number(process.env.ENCORE_SFU_PORT ?? 0),
        appSecret: process.env.ENCORE_SFU_SECRET || undefined,
      });
// Web push: the local push service takes what the Worker sends to subscriptions on its https origin.
const push = await new PushService().listen();
// Pretend devices for the studio's Devices panel (dev/devices/): a Buttplug server and a Lovense local API.
const devices = await startDeviceSimulator({ port: Number(process.env.ENCORE_DEVICES_PORT ?? 0) });
if (process.env.ENCORE_SKIP_BUILD !== '1')
  run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist]);
mkdirSync(join(root, '.wrangler/tmp'), { recursive: true });
const seedFile = join(root, '.wrangler/tmp/seed.sql');
writeFileSync(seedFile, await seedSql(vars.PASSWORD_PEPPER!));
run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', ...persist, '--file', seedFile]);

if (process.env.ENCORE_WATCH !== '0')
  start('npx', ['vite', 'build', '--watch', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
// Wrangler listens on a private port behind the edge, which sets CF-Connecting-IP from the
// socket as Cloudflare does in production (see client-ip-edge.ts). A load benchmark that plays
// thousands of clients from one machine, each naming its own address, sets
// ENCORE_TRUST_CLIENT_IP=1 to reach wrangler directly (and skip the edge's extra hop).
const trustClientIp = process.env.ENCORE_TRUST_CLIENT_IP === '1';
const wranglerPort = trustClientIp ? port : await freePort();
start('npx', [
  'wrangler',
  'dev',
  '--ip',
  '127.0.0.1',
  '--port',
  String(wranglerPort),
  ...persist,
  '--var',
  `ACCESS_TEAM_DOMAIN:${origin}/dev/access`,
  // The opt-in for the local stand-ins under /dev (workers/stand-ins.ts); never in wrangler.toml.
  '--var',
  'LOCAL_STAND_INS:1',
  '--var',
  `LOCAL_PUSH_SERVICE:${push.url}`,
  '--show-interactive-dev-session=false',
  ...realtimeVars(),
  // Tells the studio where the device simulator is (/dev/devices, behind the same opt-in).
  '--var',
  `DEVICE_SIMULATOR_URL:${devices.url}`,
  ...extraVars(),
]);

if (!trustClientIp) await startClientIpEdge(port, wranglerPort);
await waitForHealth(`${origin}/api/health`);
const media = sfu
  ? `${sfu.url} (dev SFU, stats at ${sfu.url}/dev/stats)`
  : vars.REALTIME_API_URL || 'Cloudflare Realtime';
console.log(`
  Encore is running at ${origin}

  Viewer     ${DEMO.viewer.email} / ${DEMO.viewer.password}
  Performer  ${DEMO.performer.email} / ${DEMO.performer.password}  (profile: ${origin}/@${DEMO.performer.handle})
  Admin      ${origin}/admin  → local Access page, sign in as ${DEMO.adminEmail}
  API docs   ${origin}/api/docs
  Media SFU  ${media}
  Devices    ${devices.url} (simulator: meters on that page; in the studio pick "Encore simulator")

  Ctrl-C stops everything.
`);

/** Points the Worker's Realtime client at the dev SFU (none when .dev.vars names a real app). */
function realtimeVars(): string[] {
  if (!sfu) return [];
  return [
    '--var',
    `REALTIME_API_URL:${sfu.url}`,
    '--var',
    `REALTIME_APP_ID:${sfu.appId}`,
    '--var',
    `REALTIME_APP_SECRET:${sfu.appSecret}`,
  ];
}

/** ENCORE_EXTRA_VARS="NAME:value,NAME:value" (used by the benchmarks) becomes --var flags. */
function extraVars(): string[] {
  const pairs = (process.env.ENCORE_EXTRA_VARS ?? '').split(',').filter(Boolean);
  return pairs.flatMap((pair) => ['--var', pair]);
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`The Worker did not answer ${url} within 2 minutes.`);
  stop(1);
}
