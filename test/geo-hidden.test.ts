import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, ORIGIN, signedUp } from './client.ts';

/** A signed-in browser that the Worker places in `country`, through the dev/test header. */
async function viewerIn(country: string): Promise<Browser> {
  const { browser } = await signedUp();
  const fetch = browser.fetch.bind(browser);
  browser.fetch = (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('X-Encore-Test-Country', country);
    return fetch(path, { ...init, headers });
  };
  return browser;
}

type Route = { method: string; path: string };

/** Every API route whose path names a performer, from the OpenAPI document, and the room socket. */
async function routesNamingAPerformer(): Promise<Route[]> {
  const doc = (await (await new Browser().fetch('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const api = Object.entries(doc.paths)
    .filter(([path]) => path.includes('{handle}'))
    .flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: `/api${path}` })),
    );
  return [...api, { method: 'GET', path: '/rooms/{handle}/ws' }];
}

/** What `browser` is told for `route` with `handle` in it, the handle itself masked out. */
async function answer(browser: Browser, route: Route, handle: string): Promise<{ status: number; body: string }> {
  const path = route.path
    .replace('{handle}', handle)
    .replace('{kind}', 'avatar')
    .replace('{sessionId}', '00000000-0000-4000-8000-000000000000');
  const headers: Record<string, string> = route.path.endsWith('/ws') ? { Upgrade: 'websocket', Origin: ORIGIN } : {};
  const init: RequestInit & { json?: unknown } = { method: route.method, headers };
  if (route.method === 'PUT' && path.endsWith('/avatar'))
    Object.assign(init, { body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), headers: { 'Content-Type': 'image/png' } });
  else if (route.method === 'PATCH') init.json = { bio: 'Hello' };
  else if (route.method !== 'GET' && route.method !== 'DELETE') init.json = {};
  const response = await browser.fetch(path, init);
  return { status: response.status, body: (await response.text()).replaceAll(handle, 'HANDLE') };
}

describe('a performer who blocks a viewer’s country', () => {
  it('is, on every route that names them, exactly a handle that does not exist for that viewer', async () => {
    const { browser: performer, account } = await signedUp({ role: 'performer' });
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(((await (await performer.fetch('/api/me')).json()) as { user: { id: string } }).user.id)
      .run();
    expect((await performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['DE'] } })).status).toBe(200);
    const blocked = await viewerIn('DE');
    const elsewhere = await viewerIn('FR');
    const unknown = `nobody_${crypto.randomUUID().slice(0, 8)}`;

    const routes = await routesNamingAPerformer();
    // The walk covers at least the routes the issue named; new routes join it on their own.
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/performers/{handle}',
        'POST /api/performers/{handle}/follow',
        'DELETE /api/performers/{handle}/follow',
        'GET /api/rooms/{handle}/standing',
        'POST /api/live/{handle}/watch',
        'GET /rooms/{handle}/ws',
      ]),
    );
    const told = [];
    const toldUnknown = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      told.push({ name, ...(await answer(blocked, route, account.handle)) });
      toldUnknown.push({ name, ...(await answer(blocked, route, unknown)) });
    }
    expect(told).toEqual(toldUnknown);
    // The same routes do find the performer from elsewhere, so the walk above compared something.
    expect((await elsewhere.fetch(`/api/performers/${account.handle}`)).status).toBe(200);
    expect((await elsewhere.post(`/api/performers/${account.handle}/follow`)).status).toBe(200);
    expect((await elsewhere.fetch(`/api/rooms/${account.handle}/standing`)).status).toBe(200);
    // The blocked viewer's follow changed nothing.
    const followers = await env.DB.prepare(
      'select count(*) as n from follows f join users u on u.id = f.performer_id where u.handle = ?',
    )
      .bind(account.handle)
      .first<{ n: number }>();
    expect(followers?.n).toBe(1);
  });
});
