import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../workers/index.ts';
import { placeOf } from '../workers/safety/geo.ts';
import { ORIGIN } from './client.ts';

/** Every path the Worker routes under /dev, with its parameters filled in. */
const devPaths = [...new Set(app.routes.map((r) => r.path).filter((p) => p.startsWith('/dev')))].map((p) =>
  p.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x'),
);

/** The test bindings minus the opt-in, so only what a deploy configuration sets decides. */
const { LOCAL_STAND_INS: _optIn, ...withoutOptIn } = env;

async function answers(path: string, vars: Record<string, unknown>): Promise<number[]> {
  const statuses: number[] = [];
  for (const method of ['GET', 'POST']) {
    const body = method === 'POST' ? JSON.stringify({ users: ['someone'] }) : undefined;
    const response = await app.request(
      `${ORIGIN}${path}`,
      { method, body, headers: { Origin: ORIGIN, 'Content-Type': 'application/json' } },
      vars,
    );
    statuses.push(response.status);
  }
  return statuses;
}

describe('the local stand-ins under /dev', () => {
  it('are served on the local stack, which opts in', async () => {
    expect(devPaths).toEqual(
      expect.arrayContaining(['/dev/access', '/dev/bench/sessions', '/dev/checkout/x', '/dev/mail']),
    );
    expect((await app.request(`${ORIGIN}/dev/access`, {}, env)).status).toBe(200);
    const minted = await app.request(
      `${ORIGIN}/dev/bench/sessions`,
      { method: 'POST', body: JSON.stringify({ users: ['someone'] }), headers: { Origin: ORIGIN } },
      env,
    );
    expect(minted.status).toBe(200);
  });

  for (const name of ['top', 'production'] as const) {
    const place = name === 'top' ? 'top level (a deploy without --env)' : '[env.production]';
    it(`are none of them served by wrangler.toml's ${place}`, async () => {
      const deployed = { ...withoutOptIn, ...env.TEST_DEPLOY_VARS[name] };
      expect(deployed).not.toHaveProperty('LOCAL_STAND_INS');
      for (const path of devPaths) expect(await answers(path, deployed), path).toEqual([404, 404]);
    });
  }

  it('stay off, even opted in, when a Stripe key is configured', async () => {
    const vars = { ...env, STRIPE_SECRET_KEY: 'sk_live_configured' };
    for (const path of devPaths) expect(await answers(path, vars), path).toEqual([404, 404]);
  });

  it('stay off, even opted in, when a Cloudflare Access team is configured', async () => {
    const vars = { ...env, ACCESS_TEAM_DOMAIN: 'https://acme.cloudflareaccess.com' };
    for (const path of devPaths) expect(await answers(path, vars), path).toEqual([404, 404]);
  });

  it('send an unsigned-in admin visit to Access, not to the local sign-in page, without the opt-in', async () => {
    const response = await app.request(`${ORIGIN}/admin`, {}, withoutOptIn);
    expect(response.status).toBe(403);
  });
});

describe('the test geo headers', () => {
  const request = new Request(`${ORIGIN}/api/rooms`, {
    headers: { 'X-Encore-Test-Country': 'DE', 'X-Encore-Test-Region': 'BY' },
  });

  it('place a request on the local stack, which opts in', () => {
    expect(placeOf(request, env)).toEqual({ country: 'DE', region: 'BY' });
  });

  it('are ignored by a deploy without the opt-in, so a client cannot step around a geo-block', () => {
    const deployed = { ...withoutOptIn, ...env.TEST_DEPLOY_VARS.top } as Env;
    expect(placeOf(request, deployed).country).not.toBe('DE');
  });
});
