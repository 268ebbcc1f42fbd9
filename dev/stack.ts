import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/**
 * Starts the same local stack as `npm run dev` on a free port with throwaway state, for the
 * end-to-end tests and the benchmarks. `vars` are passed to the Worker as extra variables.
 * Media always goes through the dev SFU (never a real Realtime app named in .dev.vars); `sfu`
 * is its API base and credentials, e.g. for `${sfu.url}/dev/stats`.
 */
export type StackSfu = { url: string; appId: string; appSecret: string };
/** The device simulator (dev/devices/simulator.ts): its record at `${url}/commands`. */
export type StackDevices = { url: string; buttplugUrl: string };
export type Stack = {
  origin: string;
  stateDir: string;
  sfu: StackSfu;
  devices: StackDevices;
  stop: () => Promise<void>;
};

export async function startStack(options: { vars?: Record<string, string>; build?: boolean } = {}): Promise<Stack> {
  const port = await freePort();
  const sfuPort = await freePort();
  const sfu: StackSfu = {
    url: `http://127.0.0.1:${sfuPort}/v1`,
    appId: 'encore-dev',
    appSecret: randomBytes(24).toString('base64url'),
  };
  const devicesPort = await freePort();
  const devices = { url: `http://127.0.0.1:${devicesPort}`, buttplugUrl: `ws://127.0.0.1:${devicesPort}/buttplug` };
  const stateDir = mkdtempSync(join(tmpdir(), 'encore-stack-'));
  const root = new URL('..', import.meta.url).pathname;
  const child = spawn(process.execPath, ['dev/start.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      ENCORE_STATE_DIR: stateDir,
      ENCORE_WATCH: '0',
      ENCORE_QUIET: '1',
      ENCORE_DEV_SFU: '1',
      ENCORE_SFU_PORT: String(sfuPort),
      ENCORE_SFU_SECRET: sfu.appSecret,
      ENCORE_DEVICES_PORT: String(devicesPort),
      ENCORE_SKIP_BUILD: options.build ? '0' : '1',
      ENCORE_EXTRA_VARS: Object.entries(options.vars ?? {})
        .map(([k, v]) => `${k}:${v}`)
        .join(','),
    },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the local stack exited early:\n${output}`);
    if (output.includes('Encore is running at')) return { origin, stateDir, sfu, devices, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the local stack did not start within 150 s:\n${output}`);
}
