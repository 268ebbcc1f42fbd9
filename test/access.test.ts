import { env } from 'cloudflare:workers';
import { type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import app from '../workers/index.ts';
import { UNREACHABLE_TEAM_DOMAIN } from './access-domains.ts';
import { ADMIN, accessToken, teamJwk } from './access-token.ts';
import { Browser, errorOf, ORIGIN } from './client.ts';

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');

function adminMe(token?: string): Promise<Response> {
  return new Browser().fetch('/api/admin/me', token ? { headers: { 'Cf-Access-Jwt-Assertion': token } } : {});
}

describe('admin access', () => {
  it('lets a valid Access token for an allow-listed email through', async () => {
    const response = await adminMe(await accessToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ admin: { email: ADMIN } });
  });

  it('refuses a request with no Access header', async () => {
    expect(await errorOf(await adminMe())).toMatchObject({ status: 401, code: 'ACCESS_DENIED' });
  });

  it.each<[string, () => Promise<string>]>([
    ['the wrong audience', () => accessToken({ claims: { aud: 'another-application' } })],
    ['the wrong issuer', () => accessToken({ claims: { iss: 'https://someone-else.cloudflareaccess.com' } })],
    ['an expired token', () => accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 120 })],
    ['an email not on the allow-list', () => accessToken({ claims: { email: 'intruder@example.com' } })],
    ['no email at all', () => accessToken({ claims: { email: undefined } })],
    [
      'a key Access never published (unknown kid)',
      () => accessToken({ jwk: JSON.parse(env.TEST_ACCESS_FOREIGN_JWK) as JWK }),
    ],
    [
      'a foreign key claiming the team kid',
      () => accessToken({ jwk: JSON.parse(env.TEST_ACCESS_FOREIGN_JWK) as JWK, kid: teamJwk.kid }),
    ],
    [
      'alg: none',
      async () => {
        const exp = Math.floor(Date.now() / 1000) + 600;
        const claims = { email: ADMIN, iss: env.ACCESS_TEAM_DOMAIN, aud: env.ACCESS_AUD, exp };
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      },
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const { kty, n, e } = teamJwk;
        const publicKeyText = new TextEncoder().encode(JSON.stringify({ kty, n, e }));
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ email: ADMIN })
          .setProtectedHeader({ alg: 'HS256', kid: teamJwk.kid })
          .setIssuer(env.ACCESS_TEAM_DOMAIN)
          .setAudience(env.ACCESS_AUD)
          .setIssuedAt(now)
          .setExpirationTime(now + 600)
          .sign(publicKeyText);
      },
    ],
    ['a garbled token', async () => 'eyJhbGciOiJSUzI1NiJ9.not-base64!.sig'],
  ])('refuses %s', async (_, makeToken) => {
    expect(await errorOf(await adminMe(await makeToken()))).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
  });

  it('fails closed when the team keys cannot be fetched', async () => {
    const brokenEnv = { ...env, ACCESS_TEAM_DOMAIN: UNREACHABLE_TEAM_DOMAIN };
    const token = await accessToken({ claims: { iss: UNREACHABLE_TEAM_DOMAIN } });
    const response = await app.request(
      `${ORIGIN}/api/admin/me`,
      { headers: { 'Cf-Access-Jwt-Assertion': token } },
      brokenEnv,
    );
    expect(await errorOf(response)).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
  });

  it('serves the admin page only after the Access check', async () => {
    const denied = await new Browser().fetch('/admin/kyc');
    expect(denied.status).toBe(302);
    expect(denied.headers.get('Location')).toBe('/dev/access?redirect=%2Fadmin%2Fkyc');
    const page = await new Browser().fetch('/admin', { headers: { 'Cf-Access-Jwt-Assertion': await accessToken() } });
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    expect(await page.text()).toContain('<div id="app">');
  });
});

describe('the local Access stand-in', () => {
  it('signs in an allow-listed email with a cookie the admin API accepts', async () => {
    const browser = new Browser();
    const form = new URLSearchParams({ email: ADMIN, redirect: '/admin' });
    const response = await browser.fetch('/dev/access/login', { method: 'POST', body: form });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/admin');
    expect(await (await browser.fetch('/api/admin/me')).json()).toEqual({ admin: { email: ADMIN } });
  });

  it('turns away an email the policy does not allow, and redirects only within the site', async () => {
    const browser = new Browser();
    const form = new URLSearchParams({ email: 'stranger@example.com', redirect: '//evil.example/' });
    const response = await browser.fetch('/dev/access/login', { method: 'POST', body: form });
    expect(response.headers.get('Location')).toMatch(/^\/dev\/access\?redirect=%2Fadmin&error=/);
    expect(browser.cookies.has('CF_Authorization')).toBe(false);
  });

  it('publishes only the public half of its key', async () => {
    const { keys } = (await (await new Browser().fetch('/dev/access/certs')).json()) as { keys: JWK[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: teamJwk.kid, n: teamJwk.n });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('refuses to run in production, and production ignores its cookie', async () => {
    const production = { ...env, ENVIRONMENT: 'production' };
    const page = await app.request(`${ORIGIN}/dev/access`, {}, production);
    expect(page.status).toBe(404);
    const certs = await app.request(`${ORIGIN}/dev/access/certs`, {}, production);
    expect(certs.status).toBe(404);
    const cookie = `CF_Authorization=${await accessToken()}`;
    const viaCookie = await app.request(`${ORIGIN}/api/admin/me`, { headers: { Cookie: cookie } }, production);
    expect(viaCookie.status).toBe(401);
  });
});
