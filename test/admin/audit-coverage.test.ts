import { describe, expect, it } from 'vitest';
import { ADMIN, accessToken } from '../access-token.ts';
import { Browser, errorOf } from '../client.ts';
import { adminRouteCases } from './cases/index.ts';
import { asAdminFetch, auditRowsSince, lastAuditId } from './fixtures.ts';

/** Every admin operation in the OpenAPI document, as `METHOD /admin/...`. */
async function adminRoutes(): Promise<string[]> {
  const doc = (await (await new Browser().fetch('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/admin/'))
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

/** The route with every path parameter filled in, for requests that must fail before any lookup. */
const concrete = (route: string) => {
  const [method = 'GET', path = ''] = route.split(' ');
  return { method, path: `/api${path.replace(/\{[^}]+\}/g, 'x')}` };
};

describe('the admin audit table', () => {
  it('has a case for every admin route in the OpenAPI document, and none for a route that is gone', async () => {
    const routes = await adminRoutes();
    const covered = adminRouteCases.map((c) => c.route).sort();
    expect({
      missing: routes.filter((r) => !covered.includes(r)),
      stale: covered.filter((r) => !routes.includes(r)),
    }).toEqual({ missing: [], stale: [] });
    // The figure for the resolving note.
    const audited = new Set(covered.filter((r) => routes.includes(r))).size;
    console.log(`admin audit table: ${audited} of ${routes.length} admin routes covered`);
  });

  it.each(adminRouteCases.map((c) => [c.route, c] as const))('%s writes the audit rows it should', async (_, c) => {
    const request = await c.prepare();
    const [method] = c.route.split(' ');
    const before = await lastAuditId();
    const response = await asAdminFetch(request.path, {
      method,
      ...(request.json === undefined ? {} : { json: request.json }),
    });
    expect(response.status, await response.clone().text()).toBe(c.status ?? 200);
    const rows = await auditRowsSince(before);
    expect(rows).toHaveLength(c.audits);
    if (c.audits === 1) expect(rows[0]).toMatchObject({ actor: ADMIN, action: c.action });
  });
});

describe('admin routes without a valid Access token', () => {
  const refusals: [string, () => Promise<Record<string, string>>, number][] = [
    ['no token', async () => ({}), 401],
    [
      'another audience',
      async () => ({ 'Cf-Access-Jwt-Assertion': await accessToken({ claims: { aud: 'someone-else' } }) }),
      403,
    ],
    [
      'an expired token',
      async () => ({ 'Cf-Access-Jwt-Assertion': await accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 60 }) }),
      403,
    ],
    [
      'an email off the allow-list',
      async () => ({ 'Cf-Access-Jwt-Assertion': await accessToken({ claims: { email: 'intruder@example.com' } }) }),
      403,
    ],
  ];

  it('refuses every admin route and writes nothing to the audit log', async () => {
    const routes = await adminRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const before = await lastAuditId();
    for (const route of routes) {
      const { method, path } = concrete(route);
      for (const [what, headers, status] of refusals) {
        const response = await new Browser().fetch(path, {
          method,
          headers: await headers(),
          ...(method === 'GET' ? {} : { json: {} }),
        });
        expect({ route, what, ...(await errorOf(response)) }).toMatchObject({
          route,
          what,
          status,
          code: 'ACCESS_DENIED',
        });
      }
    }
    expect(await auditRowsSince(before)).toEqual([]);
  });
});
