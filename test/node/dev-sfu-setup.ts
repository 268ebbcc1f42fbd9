import { randomBytes } from 'node:crypto';
import { freePort } from '../../dev/free-port.ts';
import { startDevSfu } from '../../dev/sfu/server.ts';

/**
 * The dev SFU for the workerd tests. vitest.config.ts picks its port and secret (the Worker's
 * bindings need them before anything starts) and this global setup starts it and stops it when
 * the run ends (a listening SFU left behind would keep vitest from exiting).
 */
export async function devSfuSettings(): Promise<{ url: string; appId: string; appSecret: string }> {
  // The config may be read more than once in a run: keep the first choice.
  const earlier = process.env.ENCORE_TEST_SFU;
  if (earlier) {
    const { url, appId, appSecret } = JSON.parse(earlier) as { url: string; appId: string; appSecret: string };
    return { url, appId, appSecret };
  }
  const port = await freePort();
  const settings = {
    url: `http://127.0.0.1:${port}/v1`,
    appId: 'encore-test',
    appSecret: randomBytes(24).toString('base64url'),
  };
  process.env.ENCORE_TEST_SFU = JSON.stringify({ port, ...settings });
  return settings;
}

export default async function setup(): Promise<() => Promise<void>> {
  const { port, appId, appSecret } = JSON.parse(process.env.ENCORE_TEST_SFU ?? '{}') as {
    port: number;
    appId: string;
    appSecret: string;
  };
  const sfu = await startDevSfu({ port, appId, appSecret });
  return () => sfu.close();
}
