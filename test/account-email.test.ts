import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../wire/account.ts';
import { Browser, errorOf, signedUp } from './client.ts';
import { approvedRoom } from './media/fixtures.ts';

type Mail = { id: string; to: string; subject: string; text: string; html: string; headers: string };

/** The messages the local mailbox holds for an address, newest first. */
async function inbox(to: string): Promise<Mail[]> {
  const response = await new Browser().fetch(`/dev/mail/messages?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: Mail[] }).messages;
}

/** Waits for the newest message to `to` whose subject matches (mail sent after the answer arrives a moment later). */
async function mailTo(to: string, subject: RegExp, after = 0): Promise<Mail> {
  return vi.waitFor(
    async () => {
      const found = (await inbox(to)).filter((m) => subject.test(m.subject));
      if (found.length <= after) throw new Error(`no new "${subject}" mail to ${to} yet`);
      return found[0]!;
    },
    { timeout: 5000, interval: 20 },
  );
}

function linkToken(mail: Mail, page: string): string {
  const match = new RegExp(`/${page}\\?token=([\\w-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return match[1]!;
}

const me = async (browser: Browser) => ((await (await browser.fetch('/api/me')).json()) as { user: Me }).user;

describe('email verification', () => {
  it('sends a link at sign-up that verifies the address once', async () => {
    const { browser, account, user } = await signedUp({}, {}, { verified: false });
    expect(user.emailVerified).toBe(false);
    const mail = await mailTo(account.email, /Confirm your email/);
    expect(mail.html).toContain('/verify-email?token=');
    const token = linkToken(mail, 'verify-email');
    // The link works in another browser, signed out.
    expect((await new Browser().post('/api/auth/email/verify', { token })).status).toBe(204);
    expect((await me(browser)).emailVerified).toBe(true);
    expect(await errorOf(await new Browser().post('/api/auth/email/verify', { token }))).toMatchObject({
      status: 400,
      code: 'LINK_INVALID',
    });
    expect(await errorOf(await browser.post('/api/auth/email/verification'))).toMatchObject({
      status: 409,
      code: 'ALREADY_VERIFIED',
    });
  });

  it('sends a new link on request, and the older link stops working', async () => {
    const { browser, account } = await signedUp({}, {}, { verified: false });
    const first = linkToken(await mailTo(account.email, /Confirm your email/), 'verify-email');
    expect((await browser.post('/api/auth/email/verification')).status).toBe(202);
    const second = linkToken(await mailTo(account.email, /Confirm your email/, 1), 'verify-email');
    expect(second).not.toBe(first);
    expect((await errorOf(await new Browser().post('/api/auth/email/verify', { token: first }))).code).toBe(
      'LINK_INVALID',
    );
    expect((await new Browser().post('/api/auth/email/verify', { token: second })).status).toBe(204);
  });

  it('refuses tampered and malformed tokens without changing anything', async () => {
    const { browser, account } = await signedUp({}, {}, { verified: false });
    const token = linkToken(await mailTo(account.email, /Confirm your email/), 'verify-email');
    const tampered = `${token.slice(0, -2)}${token.endsWith('aa') ? 'bb' : 'aa'}`;
    expect((await errorOf(await new Browser().post('/api/auth/email/verify', { token: tampered }))).code).toBe(
      'LINK_INVALID',
    );
    expect((await errorOf(await new Browser().post('/api/auth/email/verify', { token: 'short' }))).code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await me(browser)).emailVerified).toBe(false);
  });
});

describe('forgotten password', () => {
  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const { account } = await signedUp();
    const known = await new Browser().post('/api/auth/password/forgot', { email: account.email });
    const unknownEmail = `nobody-${account.email}`;
    const unknown = await new Browser().post('/api/auth/password/forgot', { email: unknownEmail });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    await mailTo(account.email, /Reset your Encore password/);
    expect(await inbox(unknownEmail)).toEqual([]);
  });

  it('resets with the link once, signs out every other session and tells the owner', async () => {
    const { browser: other, account } = await signedUp();
    await new Browser().post('/api/auth/password/forgot', { email: account.email });
    const token = linkToken(await mailTo(account.email, /Reset your Encore password/), 'reset-password');
    const resetter = new Browser();
    expect(
      await errorOf(await resetter.post('/api/auth/password/reset', { token, newPassword: 'Password123' })),
    ).toMatchObject({ status: 400, code: 'WEAK_PASSWORD' });
    const reset = await resetter.post('/api/auth/password/reset', { token, newPassword: 'a whole new secret' });
    expect(reset.status).toBe(200);
    expect((await me(resetter)).handle).toBe(account.handle);
    expect((await other.fetch('/api/me')).status).toBe(401);
    const login = (password: string) => new Browser().post('/api/auth/login', { email: account.email, password });
    expect((await login(account.password)).status).toBe(401);
    expect((await login('a whole new secret')).status).toBe(200);
    expect(
      (await errorOf(await new Browser().post('/api/auth/password/reset', { token, newPassword: 'yet another one!' })))
        .code,
    ).toBe('LINK_INVALID');
    await mailTo(account.email, /password was changed/);
  });

  it('lets only one of many simultaneous resets with the same link through', async () => {
    const { account } = await signedUp();
    await new Browser().post('/api/auth/password/forgot', { email: account.email });
    const token = linkToken(await mailTo(account.email, /Reset your Encore password/), 'reset-password');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        new Browser().post('/api/auth/password/reset', { token, newPassword: `simultaneous secret ${i}` }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('refuses a link older than 30 minutes', async () => {
    const { account } = await signedUp();
    await new Browser().post('/api/auth/password/forgot', { email: account.email });
    const token = linkToken(await mailTo(account.email, /Reset your Encore password/), 'reset-password');
    await env.DB.prepare(
      "update account_tokens set expires_at = ? where purpose = 'reset_password' and used_at is null",
    )
      .bind(Date.now() - 1)
      .run();
    expect(
      (await errorOf(await new Browser().post('/api/auth/password/reset', { token, newPassword: 'too late secret' })))
        .code,
    ).toBe('LINK_INVALID');
    expect((await new Browser().post('/api/auth/login', account)).status).toBe(200);
  });

  it('limits reset requests per address', async () => {
    const { account } = await signedUp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await new Browser().post('/api/auth/password/forgot', { email: account.email })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('changing the account email', () => {
  it('changes nothing until the new address confirms, then tells the old one', async () => {
    const { browser, account } = await signedUp();
    const newEmail = `new-${account.email}`;
    expect(
      await errorOf(await browser.post('/api/auth/email/change', { newEmail, currentPassword: 'not the password' })),
    ).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    const asked = await browser.post('/api/auth/email/change', { newEmail, currentPassword: account.password });
    expect(asked.status).toBe(202);
    expect((await me(browser)).email).toBe(account.email);
    const token = linkToken(await mailTo(newEmail, /Confirm your new email/), 'confirm-email');
    expect((await new Browser().post('/api/auth/email/confirm', { token })).status).toBe(204);
    expect(await me(browser)).toMatchObject({ email: newEmail, emailVerified: true });
    await mailTo(account.email, /email address was changed/);
    expect((await new Browser().post('/api/auth/login', { ...account, email: newEmail })).status).toBe(200);
  });

  it('refuses the confirmation when another account took the address meanwhile', async () => {
    const { browser, account } = await signedUp();
    const { account: taker } = await signedUp();
    const wanted = `wanted-${account.email}`;
    await browser.post('/api/auth/email/change', { newEmail: wanted, currentPassword: account.password });
    const token = linkToken(await mailTo(wanted, /Confirm your new email/), 'confirm-email');
    await env.DB.prepare('update users set email = ? where handle = ?').bind(wanted, taker.handle).run();
    expect(await errorOf(await new Browser().post('/api/auth/email/confirm', { token }))).toMatchObject({
      status: 409,
      code: 'EMAIL_TAKEN',
    });
    expect((await me(browser)).email).toBe(account.email);
  });
});

describe('security notices', () => {
  it('emails the owner when a new browser signs in, once per browser', async () => {
    const { account } = await signedUp();
    const laptop = new Browser();
    expect((await laptop.post('/api/auth/login', account)).status).toBe(200);
    await mailTo(account.email, /New sign-in/);
    expect((await laptop.post('/api/auth/logout')).status).toBe(204);
    expect((await laptop.post('/api/auth/login', account)).status).toBe(200);
    // A third message would be a repeat for the same browser; a check after another mail proves none came.
    await new Browser().post('/api/auth/password/forgot', { email: account.email });
    await mailTo(account.email, /Reset your Encore password/);
    expect((await inbox(account.email)).filter((m) => /New sign-in/.test(m.subject))).toHaveLength(1);
  });

  it('emails the owner when the password changes', async () => {
    const { browser, account } = await signedUp();
    const changed = await browser.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'a changed secret',
    });
    expect(changed.status).toBe(200);
    await mailTo(account.email, /password was changed/);
  });
});

describe('the unconfirmed-email gate', () => {
  it('lets an unconfirmed account watch and chat but not buy tokens, until the link is followed', async () => {
    const { browser, account } = await signedUp({}, {}, { verified: false });
    const refused = await errorOf(await browser.post('/api/wallet/purchases', { packId: 'fan' }));
    expect(refused).toMatchObject({ status: 403, code: 'EMAIL_UNVERIFIED' });
    expect(refused.message).toMatch(/Confirm your email/);
    const mine = await env.DB.prepare(
      'select count(*) as n from purchases p join users u on u.id = p.user_id where u.email = ?',
    )
      .bind(account.email)
      .first<{ n: number }>();
    expect(mine?.n).toBe(0);
    const token = linkToken(await mailTo(account.email, /Confirm your email/), 'verify-email');
    expect((await new Browser().post('/api/auth/email/verify', { token })).status).toBe(204);
    expect((await browser.post('/api/wallet/purchases', { packId: 'fan' })).status).toBe(201);
  });

  it('keeps an approved performer with an unconfirmed email off the air', async () => {
    const room = await approvedRoom();
    await env.DB.prepare('update users set email_verified_at = null where id = ?').bind(room.performerId).run();
    const refused = await errorOf(await room.performer.post('/api/studio/live', { title: 'Not yet' }));
    expect(refused).toMatchObject({ status: 403, code: 'EMAIL_UNVERIFIED' });
    expect(((await (await room.performer.fetch('/api/studio/live')).json()) as { live: boolean }).live).toBe(false);
    await env.DB.prepare('update users set email_verified_at = ? where id = ?')
      .bind(Date.now(), room.performerId)
      .run();
    expect((await room.performer.post('/api/studio/live', { title: 'Now' })).status).toBe(200);
  });
});
