import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TERMS_VERSION } from '../wire/legal.ts';
import { Browser, countRows, errorOf, newAccount, signedUp } from './client.ts';

/** Sends a sign-up and checks it was refused with `status`/`code` and that nothing was written. */
async function expectRefused(body: unknown, status: number, code: string, init: RequestInit = {}) {
  const before = { users: await countRows('users'), profiles: await countRows('performer_profiles') };
  const response = await new Browser().post('/api/auth/signup', body, init);
  const error = await errorOf(response);
  expect(error).toMatchObject({ status, code });
  expect(error.message.length).toBeGreaterThan(0);
  expect(response.headers.getSetCookie()).toEqual([]);
  expect({ users: await countRows('users'), profiles: await countRows('performer_profiles') }).toEqual(before);
  return error;
}

describe('sign-up', () => {
  it('creates a viewer, signs them in and lower-cases email and handle', async () => {
    const browser = new Browser();
    const account = newAccount({ email: 'Mixed.Case@Example.COM', handle: 'Night_Owl' });
    const response = await browser.post('/api/auth/signup', account);
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as { user: { email: string; handle: string; role: string } };
    expect(user).toMatchObject({ email: 'mixed.case@example.com', handle: 'night_owl', role: 'viewer' });
    expect(await (await browser.fetch('/api/me')).json()).toMatchObject({ user: { email: 'mixed.case@example.com' } });
  });

  it('gives a performer an empty public profile', async () => {
    const { account } = await signedUp({ role: 'performer' });
    const response = await new Browser().fetch(`/api/performers/${account.handle}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      performer: { handle: account.handle, bio: '', followerCount: 0, avatarUrl: null },
    });
  });

  it('never stores the password itself', async () => {
    const { account, user } = await signedUp();
    const { env } = await import('cloudflare:workers');
    const row = await env.DB.prepare('select password_hash from users where id = ?')
      .bind(user.id)
      .first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row?.password_hash).not.toContain(account.password);
  });

  it('refuses malformed JSON', async () => {
    await expectRefused(undefined, 400, 'INVALID_JSON', {
      body: '{"email": ',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('refuses a body that is not JSON at all', async () => {
    await expectRefused(undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
      body: 'email=a@b.c',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  });

  it('names each missing field', async () => {
    const error = await expectRefused({}, 400, 'VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'acceptedTerms',
      'dateOfBirth',
      'displayName',
      'email',
      'handle',
      'password',
      'role',
    ]);
  });

  it.each([
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short1234' }, 'password'],
    ['a handle with spaces', { handle: 'two words' }, 'handle'],
    ['an impossible date', { dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
    ['an unknown role', { role: 'admin' }, 'role'],
  ])('refuses %s', async (_, override, field) => {
    const error = await expectRefused({ ...newAccount(), ...override }, 400, 'VALIDATION_FAILED');
    expect(error.fields?.[field]).toBeTruthy();
  });

  it('records the Terms version the new account accepted, and when', async () => {
    const before = Date.now();
    const { user } = await signedUp();
    const row = await env.DB.prepare('select version, accepted_at from terms_acceptances where user_id = ?')
      .bind(user.id)
      .first();
    expect(row).toMatchObject({ version: TERMS_VERSION });
    expect(Number(row?.accepted_at)).toBeGreaterThanOrEqual(before);
  });

  it('refuses a sign-up that did not accept the Terms, or accepted an older version', async () => {
    const { acceptedTerms: _, ...notAccepted } = newAccount();
    const error = await expectRefused(notAccepted, 400, 'VALIDATION_FAILED');
    expect(error.fields?.acceptedTerms).toBe('Accept the Terms of Service to sign up');
    await expectRefused({ ...newAccount(), acceptedTerms: '2020-01-01' }, 400, 'VALIDATION_FAILED');
    expect(await countRows('terms_acceptances')).toBe(await countRows('users'));
  });

  it('refuses a common password even when long enough', async () => {
    await expectRefused(newAccount({ password: 'Password123' }), 400, 'WEAK_PASSWORD');
  });

  it('refuses anyone under 18, down to the day', async () => {
    const today = new Date();
    const turns18Tomorrow = new Date(
      Date.UTC(today.getUTCFullYear() - 18, today.getUTCMonth(), today.getUTCDate() + 1),
    );
    const error = await expectRefused(
      newAccount({ dateOfBirth: turns18Tomorrow.toISOString().slice(0, 10) }),
      400,
      'UNDERAGE',
    );
    expect(error.fields?.dateOfBirth).toBeTruthy();
  });

  it('accepts someone whose 18th birthday is today', async () => {
    const today = new Date();
    const eighteenToday = new Date(Date.UTC(today.getUTCFullYear() - 18, today.getUTCMonth(), today.getUTCDate()));
    const response = await new Browser().post(
      '/api/auth/signup',
      newAccount({ dateOfBirth: eighteenToday.toISOString().slice(0, 10) }),
    );
    expect(response.status).toBe(201);
  });

  it('refuses a taken email (in any case) with 409', async () => {
    const { account } = await signedUp();
    await expectRefused(newAccount({ email: account.email.toUpperCase() }), 409, 'EMAIL_TAKEN');
  });

  it('rations "email taken" answers per network: once spent, all its sign-ups are refused for the hour', async () => {
    const taken = await Promise.all([signedUp(), signedUp(), signedUp(), signedUp(), signedUp(), signedUp()]);
    const prober = new Browser();
    const answers = [];
    for (const { account } of taken)
      answers.push((await errorOf(await prober.post('/api/auth/signup', newAccount({ email: account.email })))).code);
    expect(answers).toEqual([
      'EMAIL_TAKEN',
      'EMAIL_TAKEN',
      'EMAIL_TAKEN',
      'EMAIL_TAKEN',
      'EMAIL_TAKEN',
      'RATE_LIMITED',
    ]);
    const before = await countRows('users');
    const free = await prober.post('/api/auth/signup', newAccount());
    expect(await errorOf(free)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(free.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await countRows('users')).toBe(before);
    // Another network is not affected.
    expect((await new Browser().post('/api/auth/signup', newAccount())).status).toBe(201);
  });

  it('gives a burst of concurrent probes from one network no more "email taken" answers than the ration', async () => {
    const taken = await Promise.all(Array.from({ length: 9 }, () => signedUp()));
    const prober = new Browser();
    const answers = await Promise.all(
      taken.map(
        async ({ account }) =>
          (await errorOf(await prober.post('/api/auth/signup', newAccount({ email: account.email })))).code,
      ),
    );
    expect(answers.filter((code) => code === 'EMAIL_TAKEN')).toHaveLength(5);
    expect(answers.filter((code) => code === 'RATE_LIMITED')).toHaveLength(4);
  });

  it('refuses a taken handle with 409', async () => {
    const { account } = await signedUp();
    await expectRefused(newAccount({ handle: account.handle }), 409, 'HANDLE_TAKEN');
  });

  it('refuses a body over 16 KB before reading it', async () => {
    await expectRefused({ ...newAccount(), displayName: 'x'.repeat(20_000) }, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('lets exactly one of two racing sign-ups with the same email through', async () => {
    const account = newAccount();
    const [a, b] = await Promise.all([
      new Browser().post('/api/auth/signup', account),
      new Browser().post('/api/auth/signup', { ...account, handle: `${account.handle}2` }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});
