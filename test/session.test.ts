import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { pruneRevokedSessions } from '../workers/auth/session.ts';
import { Browser, errorOf, signedUp } from './client.ts';

const login = (browser: Browser, email: string, password: string) =>
  browser.post('/api/auth/login', { email, password });

describe('sessions', () => {
  it('sets an HttpOnly, Secure, SameSite=Lax session cookie with a short lifetime', async () => {
    const { account } = await signedUp();
    const response = await login(new Browser(), account.email, account.password);
    expect(response.status).toBe(200);
    const [cookie = ''] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^encore_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=3600');
  });

  it('logs in, shows me, logs out', async () => {
    const { account } = await signedUp();
    const browser = new Browser();
    expect((await browser.fetch('/api/me')).status).toBe(401);
    expect((await login(browser, account.email.toUpperCase(), account.password)).status).toBe(200);
    expect(await (await browser.fetch('/api/me')).json()).toMatchObject({ user: { handle: account.handle } });
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect(await errorOf(await browser.fetch('/api/me'))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const { account } = await signedUp();
    const wrong = await errorOf(await login(new Browser(), account.email, 'not the password'));
    const unknown = await errorOf(await login(new Browser(), `nobody-${account.email}`, 'not the password'));
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('refuses a suspended account even with the right password, and ends its live sessions', async () => {
    const { browser, account, user } = await signedUp();
    await env.DB.prepare("update users set status = 'suspended' where id = ?").bind(user.id).run();
    expect(await errorOf(await login(new Browser(), account.email, account.password))).toMatchObject({
      status: 403,
      code: 'ACCOUNT_SUSPENDED',
    });
    expect((await browser.fetch('/api/me')).status).toBe(401);
  });

  it('changes the password: the old one stops working, this session stays, others end', async () => {
    const { browser, account } = await signedUp();
    const other = new Browser();
    await login(other, account.email, account.password);
    const response = await browser.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'a brand new secret',
    });
    expect(response.status).toBe(200);
    expect((await browser.fetch('/api/me')).status).toBe(200);
    expect((await other.fetch('/api/me')).status).toBe(401);
    expect((await login(new Browser(), account.email, account.password)).status).toBe(401);
    expect((await login(new Browser(), account.email, 'a brand new secret')).status).toBe(200);
  });

  it('refuses a password change with the wrong current password and keeps the old one', async () => {
    const { browser, account } = await signedUp();
    const response = await browser.post('/api/auth/password', {
      currentPassword: 'wrong wrong wrong',
      newPassword: 'a brand new secret',
    });
    expect(await errorOf(response)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect((await login(new Browser(), account.email, account.password)).status).toBe(200);
  });

  it('logs out everywhere: every session of the account ends', async () => {
    const { browser, account } = await signedUp();
    const phone = new Browser();
    await login(phone, account.email, account.password);
    expect((await browser.post('/api/auth/logout-everywhere')).status).toBe(204);
    expect((await browser.fetch('/api/me')).status).toBe(401);
    expect((await phone.fetch('/api/me')).status).toBe(401);
    expect((await login(new Browser(), account.email, account.password)).status).toBe(200);
  });

  it('silently renews a session past half its lifetime', async () => {
    const { browser, user } = await signedUp();
    const halfAnHourAgo = Math.floor(Date.now() / 1000) - 1900;
    const old = await new SignJWT({ sv: 1, sid: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('encore')
      .setIssuedAt(halfAnHourAgo)
      .setExpirationTime(halfAnHourAgo + 3600)
      .sign(new TextEncoder().encode(env.SESSION_SECRET));
    browser.cookies.set('encore_session', old);
    const response = await browser.fetch('/api/me');
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^encore_session=/);
    expect(browser.cookies.get('encore_session')).not.toBe(old);
  });

  it('ends the session on sign out: a copy of the old cookie is refused at once, other devices stay in', async () => {
    const { browser, account } = await signedUp();
    const phone = new Browser();
    await login(phone, account.email, account.password);
    const copy = new Browser();
    copy.cookies.set('encore_session', browser.cookies.get('encore_session') ?? '');
    expect((await copy.fetch('/api/me')).status).toBe(200);
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect(await errorOf(await copy.fetch('/api/me'))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await phone.fetch('/api/me')).status).toBe(200);
  });

  it('keeps the session id when it renews a token, so signing out also ends the renewed one', async () => {
    const { browser, user } = await signedUp();
    const sid = crypto.randomUUID();
    const halfAnHourAgo = Math.floor(Date.now() / 1000) - 1900;
    const old = await new SignJWT({ sv: 1, sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('encore')
      .setIssuedAt(halfAnHourAgo)
      .setExpirationTime(halfAnHourAgo + 3600)
      .sign(new TextEncoder().encode(env.SESSION_SECRET));
    browser.cookies.set('encore_session', old);
    expect((await browser.fetch('/api/me')).status).toBe(200);
    const renewed = browser.cookies.get('encore_session') ?? '';
    expect(renewed).not.toBe(old);
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    for (const token of [old, renewed]) {
      const other = new Browser();
      other.cookies.set('encore_session', token);
      expect((await other.fetch('/api/me')).status).toBe(401);
    }
  });

  it('refuses a token that carries no session id, since it could not be signed out', async () => {
    const { user } = await signedUp();
    const token = await new SignJWT({ sv: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('encore')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(env.SESSION_SECRET));
    const browser = new Browser();
    browser.cookies.set('encore_session', token);
    expect((await browser.fetch('/api/me')).status).toBe(401);
  });

  it('forgets a sign-out once no token of that session can be valid any more', async () => {
    const { browser } = await signedUp();
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    const revoked = () =>
      env.DB.prepare('select count(*) as n from revoked_sessions where expires_at > ?')
        .bind(Date.now())
        .first<{ n: number }>();
    expect((await revoked())?.n).toBeGreaterThan(0);
    await pruneRevokedSessions(env, Date.now());
    expect((await revoked())?.n).toBeGreaterThan(0);
    await pruneRevokedSessions(env, Date.now() + 3_601_000);
    expect((await env.DB.prepare('select count(*) as n from revoked_sessions').first<{ n: number }>())?.n).toBe(0);
  });

  it('does not renew a fresh session on every request', async () => {
    const { browser } = await signedUp();
    const response = await browser.fetch('/api/me');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('ignores a forged or expired session cookie', async () => {
    const { user } = await signedUp();
    const forged = await new SignJWT({ sv: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('encore')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a secret that is not the server secret!!'));
    const expired = await new SignJWT({ sv: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('encore')
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_003_600)
      .sign(new TextEncoder().encode(env.SESSION_SECRET));
    for (const token of [forged, expired, 'not-a-jwt']) {
      const browser = new Browser();
      browser.cookies.set('encore_session', token);
      expect((await browser.fetch('/api/me')).status).toBe(401);
    }
  });
});

describe('cross-site protection', () => {
  it('refuses a state-changing request from another Origin and changes nothing', async () => {
    const { browser, account } = await signedUp();
    const response = await browser.post('/api/auth/logout-everywhere', undefined, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 403, code: 'CROSS_SITE_REQUEST' });
    expect((await browser.fetch('/api/me')).status).toBe(200);
    expect((await login(new Browser(), account.email, account.password)).status).toBe(200);
  });

  it('refuses a cross-site request identified only by Sec-Fetch-Site', async () => {
    const { browser } = await signedUp();
    const response = await browser.fetch('/api/auth/logout', {
      method: 'POST',
      headers: { Origin: '', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it('accepts same-origin writes', async () => {
    const { browser } = await signedUp();
    const response = await browser.fetch('/api/auth/logout', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(response.status).toBe(204);
  });
});
