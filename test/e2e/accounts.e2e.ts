import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { solidPng } from './png.ts';
import { type NewAccount, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const AVATAR_PNG = solidPng(96, 96, [236, 72, 153]);
const COVER_PNG = solidPng(960, 240, [76, 29, 149]);

const run = useStackAndChromium();

async function newPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
  const context = await run.browser().newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  return { page, problems: watchConsole(page) };
}

const origin = () => run.stack().origin;
const signUp = (page: Page, role: 'Viewer' | 'Performer', name: string) => signUpInPage(page, origin(), role, name);

describe('a performer and a fan, in Chromium', () => {
  describe('a performer’s account and profile, followed by a fan', () => {
    // One story on shared pages: Aria signs up and fills her profile; Fan Forty finds and follows her.
    const step = storySteps();
    let aria: { page: Page; problems: string[] };
    let fan: { page: Page; problems: string[] };
    let performer: NewAccount;

    step('signs a performer up into the studio', async () => {
      aria = await newPage();
      performer = await signUp(aria.page, 'Performer', 'Aria Moon');
      await aria.page.waitForURL(`${origin()}/studio`);
      await screenshot(aria.page, 'studio');
    });

    step('logs the performer out and back in to the studio', async () => {
      const { page } = aria;
      await page.getByRole('button', { name: /Aria Moon/ }).click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${origin()}/`);
      await page.goto(`${origin()}/login`);
      await page.getByLabel('Email').fill(performer.email);
      await page.getByLabel('Password', { exact: true }).fill(performer.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${origin()}/studio`);
    });

    step('saves a profile with a bio, an avatar and a cover', async () => {
      const { page } = aria;
      await page.goto(`${origin()}/settings/profile`);
      await page.getByLabel('Bio').fill('Cello loops and late-night requests.');
      await page.getByLabel('Avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: AVATAR_PNG });
      await page.locator(`img[alt="Aria Moon's avatar"][src^="/media/avatars/"]`).first().waitFor();
      await page.getByLabel('Cover').setInputFiles({ name: 'stage.png', mimeType: 'image/png', buffer: COVER_PNG });
      await page.locator(`img[alt="Aria Moon's cover"][src^="/media/covers/"]`).first().waitFor();
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Profile saved').waitFor();
      await screenshot(page, 'profile-editor');
    });

    step('shows a fan on a phone the profile with its avatar, and counts the fan’s follow', async () => {
      fan = await newPage(375);
      await signUp(fan.page, 'Viewer', 'Fan Forty');
      await fan.page.waitForURL(`${origin()}/`);
      await fan.page.goto(`${origin()}/@${performer.handle}`);
      await fan.page.getByText('Cello loops and late-night requests.').waitFor();
      const avatar = fan.page.locator(`img[alt="Aria Moon's avatar"][src^="/media/avatars/"]`).first();
      await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(96);
      await fan.page.getByRole('button', { name: 'Follow' }).click();
      await fan.page.getByRole('button', { name: 'Following' }).waitFor();
      await fan.page.getByText('1 follower').waitFor();
      await screenshot(fan.page, 'profile-mobile');
    });

    step('lists the performer on the home page', async () => {
      await fan.page.goto(`${origin()}/`);
      await fan.page
        .getByRole('link', { name: /Aria Moon/ })
        .first()
        .waitFor();
      await screenshot(fan.page, 'home-mobile');
    });

    step('logs no console errors on the performer’s or the fan’s page', async () => {
      expect(aria.problems).toEqual([]);
      expect(fan.problems).toEqual([]);
    });
  });

  it('keeps an under-18 visitor out at sign-up', async () => {
    const { page } = await newPage();
    const seventeen = `${new Date().getFullYear() - 17}-01-01`;
    await signUpInPage(page, origin(), 'Viewer', 'Teen', seventeen);
    await page
      .getByText(/18 or older/)
      .first()
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/signup');
    await screenshot(page, 'signup-underage');
  });
});

describe('the admin, in Chromium', () => {
  it('signs in through the local Access page and sees the admin shell', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${origin()}/admin`);
    await page.waitForURL(/\/dev\/access\?redirect=/);
    await screenshot(page, 'access-sign-in');
    await page.getByLabel('Email').fill('admin@encore.local');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${origin()}/admin`);
    await page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
    await page.getByText('admin@encore.local').first().waitFor();
    await screenshot(page, 'admin-shell');
    expect(problems).toEqual([]);
  });
});

describe('the API docs, in Chromium', () => {
  it('renders every documented route under the strict CSP', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${origin()}/api/docs`);
    await page.getByText('Encore API').first().waitFor();
    await page.getByText('/auth/signup').first().waitFor();
    await screenshot(page, 'api-docs');
    expect(problems).toEqual([]);
  });
});
