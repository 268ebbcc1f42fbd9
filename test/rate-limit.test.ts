import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, errorOf, newAccount, signedUp } from './client.ts';

const LIMIT = Number(env.AUTH_RATE_LIMIT);

/** Moves every rate-limit window into the past, as if the window length had gone by. */
async function letWindowPass() {
  await env.DB.prepare('update rate_limits set window_start = window_start - ?')
    .bind(Number(env.AUTH_RATE_WINDOW_SECONDS) * 1000)
    .run();
}

describe('sign-in rate limits', () => {
  it('answers 429 with Retry-After after the per-IP limit, then recovers', async () => {
    const { account } = await signedUp();
    const browser = new Browser();
    for (let i = 0; i < LIMIT; i++) {
      expect(
        (await browser.post('/api/auth/login', { email: `nobody${i}@example.com`, password: 'whatever it is' })).status,
      ).toBe(401);
    }
    const limited = await browser.post('/api/auth/login', { email: account.email, password: account.password });
    expect(await errorOf(limited.clone())).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(Number(env.AUTH_RATE_WINDOW_SECONDS));
    expect(limited.headers.getSetCookie()).toEqual([]);

    await letWindowPass();
    expect((await browser.post('/api/auth/login', { email: account.email, password: account.password })).status).toBe(
      200,
    );
  });

  it('limits guesses at one account from many IPs', async () => {
    const { account } = await signedUp();
    for (let i = 0; i < LIMIT; i++) {
      expect(
        (await new Browser().post('/api/auth/login', { email: account.email, password: `guess number ${i}` })).status,
      ).toBe(401);
    }
    // Even the right password is refused while the account is under attack; the owner waits it out.
    expect(
      (await new Browser().post('/api/auth/login', { email: account.email, password: account.password })).status,
    ).toBe(429);
    await letWindowPass();
    expect(
      (await new Browser().post('/api/auth/login', { email: account.email, password: account.password })).status,
    ).toBe(200);
  });

  it('limits sign-ups per IP', async () => {
    const browser = new Browser();
    for (let i = 0; i < LIMIT; i++) {
      await browser.post('/api/auth/signup', newAccount());
      browser.cookies.clear();
    }
    const response = await browser.post('/api/auth/signup', newAccount());
    expect(await errorOf(response)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});
