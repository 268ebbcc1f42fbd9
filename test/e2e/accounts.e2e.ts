import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../dev/stack.ts';
import { launchChromium, screenshot, watchConsole } from './chromium.ts';
import { solidPng } from './png.ts';

const AVATAR_PNG = solidPng(96, 96, [236, 72, 153]);
const COVER_PNG = solidPng(960, 240, [76, 29, 149]);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  return { page, problems: watchConsole(page) };
}

const unique = () => Math.random().toString(36).slice(2, 8);

async function signUp(page: Page, role: 'Viewer' | 'Performer', name: string) {
  const handle = `${role.toLowerCase()}_${unique()}`;
  await page.goto(`${stack.origin}/signup`);
  await page.getByLabel('Email').fill(`${handle}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('a long enough secret');
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Date of birth').fill('1994-03-08');
  await page.getByLabel(role, { exact: true }).check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  return { handle, email: `${handle}@example.com`, password: 'a long enough secret' };
}

describe('a performer and a fan, in Chromium', () => {
  it('signs up, logs out and in, edits the profile with an avatar, and gets followed', async () => {
    const { page, problems } = await newPage();
    const performer = await signUp(page, 'Performer', 'Aria Moon');
    await page.waitForURL(`${stack.origin}/studio`);
    await screenshot(page, 'studio');

    await page.getByRole('button', { name: /Aria Moon/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${stack.origin}/`);
    await page.goto(`${stack.origin}/login`);
    await page.getByLabel('Email').fill(performer.email);
    await page.getByLabel('Password', { exact: true }).fill(performer.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${stack.origin}/studio`);

    await page.goto(`${stack.origin}/settings/profile`);
    await page.getByLabel('Bio').fill('Cello loops and late-night requests.');
    await page.getByLabel('Avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: AVATAR_PNG });
    await page.locator(`img[alt="Aria Moon's avatar"][src^="/media/avatars/"]`).first().waitFor();
    await page.getByLabel('Cover').setInputFiles({ name: 'stage.png', mimeType: 'image/png', buffer: COVER_PNG });
    await page.locator(`img[alt="Aria Moon's cover"][src^="/media/covers/"]`).first().waitFor();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();
    await screenshot(page, 'profile-editor');

    const fan = await newPage(375);
    await signUp(fan.page, 'Viewer', 'Fan Forty');
    await fan.page.waitForURL(`${stack.origin}/`);
    await fan.page.goto(`${stack.origin}/@${performer.handle}`);
    await fan.page.getByText('Cello loops and late-night requests.').waitFor();
    const avatar = fan.page.locator(`img[alt="Aria Moon's avatar"][src^="/media/avatars/"]`).first();
    await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(96);
    await fan.page.getByRole('button', { name: 'Follow' }).click();
    await fan.page.getByRole('button', { name: 'Following' }).waitFor();
    await fan.page.getByText('1 follower').waitFor();
    await screenshot(fan.page, 'profile-mobile');

    await fan.page.goto(`${stack.origin}/`);
    await fan.page.getByRole('link', { name: /Aria Moon/ }).first().waitFor();
    await screenshot(fan.page, 'home-mobile');
    expect(problems).toEqual([]);
    expect(fan.problems).toEqual([]);
  });

  it('keeps an under-18 visitor out at sign-up', async () => {
    const { page } = await newPage();
    await page.goto(`${stack.origin}/signup`);
    const today = new Date();
    const seventeen = `${today.getFullYear() - 17}-01-01`;
    await page.getByLabel('Email').fill(`teen_${unique()}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('a long enough secret');
    await page.getByLabel('Handle').fill(`teen_${unique()}`);
    await page.getByLabel('Display name').fill('Teen');
    await page.getByLabel('Date of birth').fill(seventeen);
    await page.getByLabel('Viewer', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText(/18 or older/).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/signup');
    await screenshot(page, 'signup-underage');
  });
});

describe('the admin, in Chromium', () => {
  it('signs in through the local Access page and sees the admin shell', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${stack.origin}/admin`);
    await page.waitForURL(/\/dev\/access\?redirect=/);
    await screenshot(page, 'access-sign-in');
    await page.getByLabel('Email').fill('admin@encore.local');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.origin}/admin`);
    await page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
    await page.getByText('admin@encore.local').first().waitFor();
    await screenshot(page, 'admin-shell');
    expect(problems).toEqual([]);
  });
});

describe('the API docs, in Chromium', () => {
  it('renders every documented route under the strict CSP', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${stack.origin}/api/docs`);
    await page.getByText('Encore API').first().waitFor();
    await page.getByText('/auth/signup').first().waitFor();
    await screenshot(page, 'api-docs');
    expect(problems).toEqual([]);
  });
});
