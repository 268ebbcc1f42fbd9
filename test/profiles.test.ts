import { describe, expect, it } from 'vitest';
import type { PerformerProfile } from '../wire/profile.ts';
import { Browser, errorOf, signedUp } from './client.ts';

const profileOf = async (handle: string, browser = new Browser()) =>
  ((await (await browser.fetch(`/api/performers/${handle}`)).json()) as { performer: PerformerProfile }).performer;

const edit = (browser: Browser, handle: string, json: unknown) =>
  browser.fetch(`/api/performers/${handle}`, { method: 'PATCH', json });

describe('performer profiles', () => {
  it('lets a performer edit bio, schedule, links, tags and display name', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    const update = {
      displayName: 'Luna Vox',
      bio: 'Late-night jazz and requests.',
      schedule: { timeZone: 'America/New_York', slots: [{ day: 'fri', start: '21:00', end: '23:30' }] },
      links: [{ label: 'Bandcamp', url: 'https://luna.example.com' }],
      tags: ['Jazz', 'jazz', 'requests'],
    };
    const response = await edit(browser, account.handle, update);
    expect(response.status).toBe(200);
    const expected = { ...update, tags: ['jazz', 'requests'] };
    expect((await response.json()) as unknown).toMatchObject({ performer: expected });
    expect(await profileOf(account.handle)).toMatchObject(expected);
  });

  it('keeps fields that an edit leaves out', async () => {
    const { browser, account } = await signedUp({ role: 'performer' });
    await edit(browser, account.handle, { bio: 'first', tags: ['one'] });
    await edit(browser, account.handle, { bio: 'second' });
    expect(await profileOf(account.handle)).toMatchObject({ bio: 'second', tags: ['one'] });
  });

  it.each([
    ['a bio over 2,000 characters', { bio: 'x'.repeat(2001) }, 'bio'],
    ['a plain-http link', { links: [{ label: 'Site', url: 'http://example.com' }] }, 'links.0.url'],
    ['a javascript: link', { links: [{ label: 'Site', url: 'javascript:alert(1)' }] }, 'links.0.url'],
    ['an unknown time zone', { schedule: { timeZone: 'Mars/Olympus', slots: [] } }, 'schedule.timeZone'],
    [
      'a bad time',
      { schedule: { timeZone: 'UTC', slots: [{ day: 'mon', start: '25:00', end: '26:00' }] } },
      'schedule.slots.0.start',
    ],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 'tags'],
  ])('refuses %s and changes nothing', async (_, update, field) => {
    const { browser, account } = await signedUp({ role: 'performer' });
    await edit(browser, account.handle, { bio: 'untouched' });
    const error = await errorOf(await edit(browser, account.handle, update));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(error.fields?.[field]).toBeTruthy();
    expect(await profileOf(account.handle)).toMatchObject({ bio: 'untouched', links: [], tags: [], schedule: null });
  });

  it("does not let one performer edit another's profile", async () => {
    const owner = await signedUp({ role: 'performer' });
    const other = await signedUp({ role: 'performer' });
    await edit(owner.browser, owner.account.handle, { bio: 'mine' });
    const error = await errorOf(await edit(other.browser, owner.account.handle, { bio: 'defaced' }));
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await profileOf(owner.account.handle)).toMatchObject({
      bio: 'mine',
      displayName: owner.account.displayName,
    });
  });

  it('needs a session to edit', async () => {
    const { account } = await signedUp({ role: 'performer' });
    expect(await errorOf(await edit(new Browser(), account.handle, { bio: 'anon' }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('has no public profile for viewers or unknown handles', async () => {
    const { account } = await signedUp({ role: 'viewer' });
    expect(await errorOf(await new Browser().fetch(`/api/performers/${account.handle}`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await new Browser().fetch('/api/performers/nobody_here')).status).toBe(404);
  });
});

describe('follows', () => {
  it('follows and unfollows, with the follower count and my state', async () => {
    const performer = await signedUp({ role: 'performer' });
    const fan = await signedUp();
    const other = await signedUp();
    const follow = (b: Browser) => b.post(`/api/performers/${performer.account.handle}/follow`);

    expect(await (await follow(fan.browser)).json()).toEqual({ following: true, followerCount: 1 });
    expect(await (await follow(fan.browser)).json()).toEqual({ following: true, followerCount: 1 });
    expect(await (await follow(other.browser)).json()).toEqual({ following: true, followerCount: 2 });
    expect(await profileOf(performer.account.handle, fan.browser)).toMatchObject({ followerCount: 2, following: true });
    expect(await profileOf(performer.account.handle)).toMatchObject({ followerCount: 2, following: false });

    const unfollowed = await fan.browser.fetch(`/api/performers/${performer.account.handle}/follow`, {
      method: 'DELETE',
    });
    expect(await unfollowed.json()).toEqual({ following: false, followerCount: 1 });
  });

  it('lists the performers I follow', async () => {
    const a = await signedUp({ role: 'performer' });
    const b = await signedUp({ role: 'performer' });
    const fan = await signedUp();
    await fan.browser.post(`/api/performers/${a.account.handle}/follow`);
    await fan.browser.post(`/api/performers/${b.account.handle}/follow`);
    const { performers } = (await (await fan.browser.fetch('/api/me/following')).json()) as {
      performers: { handle: string }[];
    };
    expect(performers.map((p) => p.handle)).toEqual([a.account.handle, b.account.handle]);
  });

  it('refuses following yourself, and following while signed out', async () => {
    const performer = await signedUp({ role: 'performer' });
    const self = await performer.browser.post(`/api/performers/${performer.account.handle}/follow`);
    expect(await errorOf(self)).toMatchObject({ status: 400 });
    const anon = await new Browser().post(`/api/performers/${performer.account.handle}/follow`);
    expect(anon.status).toBe(401);
    expect(await profileOf(performer.account.handle)).toMatchObject({ followerCount: 0 });
  });
});
