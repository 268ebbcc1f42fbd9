import { describe, expect, it } from 'vitest';
import type { Me } from '../wire/account.ts';
import { Browser, errorOf, signedUp } from './client.ts';

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const putAvatar = (browser: Browser, body: Uint8Array, type = 'image/png') =>
  browser.fetch('/api/me/avatar', { method: 'PUT', body, headers: { 'Content-Type': type } });

const me = async (browser: Browser) => ((await (await browser.fetch('/api/me')).json()) as { user: Me }).user;

describe('a viewer’s name and picture', () => {
  it('a viewer sets a display name and a picture, and /api/me (the header) shows both', async () => {
    const { browser } = await signedUp();
    expect((await me(browser)).avatarUrl).toBeNull();
    const renamed = await browser.fetch('/api/me', { method: 'PATCH', json: { displayName: '  Ava Night  ' } });
    expect(renamed.status).toBe(200);
    expect((await me(browser)).displayName).toBe('Ava Night');

    const uploaded = await putAvatar(browser, PNG);
    expect(uploaded.status).toBe(200);
    const url = (await me(browser)).avatarUrl ?? '';
    expect(url).toMatch(/^\/media\/avatars\/[0-9a-f-]{36}\.png$/);
    expect((await new Browser().fetch(url)).status).toBe(200);

    expect((await putAvatar(browser, PNG)).status).toBe(200);
    expect((await new Browser().fetch(url)).status).toBe(404);
    const removed = await browser.fetch('/api/me/avatar', { method: 'DELETE' });
    expect(((await removed.json()) as { user: Me }).user.avatarUrl).toBeNull();
  });

  it('refuses an empty name, a file that is not a picture, and anyone signed out', async () => {
    const { browser } = await signedUp();
    const before = await me(browser);
    expect(
      await errorOf(await browser.fetch('/api/me', { method: 'PATCH', json: { displayName: ' ' } })),
    ).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const script = new TextEncoder().encode('<script>alert(1)</script>');
    expect(await errorOf(await putAvatar(browser, script))).toMatchObject({ status: 415 });
    expect(await errorOf(await putAvatar(new Browser(), PNG))).toMatchObject({ status: 401 });
    expect(await me(browser)).toEqual(before);
  });

  it('a performer’s picture is their profile avatar, whichever way it was set', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    expect((await putAvatar(browser, PNG)).status).toBe(200);
    const profile = (await (await new Browser().fetch(`/api/performers/${account.handle}`)).json()) as {
      performer: { avatarUrl: string | null };
    };
    expect(profile.performer.avatarUrl).toBe((await me(browser)).avatarUrl);
    const viaProfile = await browser.fetch(`/api/performers/${account.handle}/avatar`, {
      method: 'PUT',
      body: PNG,
      headers: { 'Content-Type': 'image/png' },
    });
    expect(viaProfile.status).toBe(200);
    const { performer } = (await viaProfile.json()) as { performer: { avatarUrl: string } };
    expect((await me(browser)).avatarUrl).toBe(performer.avatarUrl);
  });
});
