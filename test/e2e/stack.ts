import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Stack, startStack } from '../../dev/stack.ts';
import { launchChromium } from './chromium.ts';

/** One local stack and one Chromium per test file, started together and stopped after. */
export function useStackAndChromium(options: Parameters<typeof launchChromium>[0] = {}): {
  stack: () => Stack;
  browser: () => Browser;
} {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // allSettled, not all: when one fails, the other must still be kept so afterAll stops it (a stack whose
    // Chromium failed to start would otherwise outlive the run, holding its workerd and ports).
    const [started, launched] = await Promise.allSettled([startStack(), launchChromium(options)]);
    if (started.status === 'fulfilled') stack = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return { stack: () => stack!, browser: () => browser! };
}

export type NewAccount = { handle: string; email: string; password: string };

/** Fills in and sends the sign-up form; returns the account it made. */
export async function signUpInPage(
  page: Page,
  origin: string,
  role: 'Viewer' | 'Performer',
  name: string,
  dateOfBirth = '1994-03-08',
): Promise<NewAccount> {
  const handle = `${role.toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`;
  const account = { handle, email: `${handle}@example.com`, password: 'a long enough secret' };
  await page.goto(`${origin}/signup`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Date of birth').fill(dateOfBirth);
  await page.getByLabel(role, { exact: true }).check();
  await page.getByLabel(/accept the Terms of Service/).check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  return account;
}

/**
 * Confirms the signed-in account's email as its owner would: opens the newest confirmation mail in the local
 * mailbox in another tab of the same browser and follows its link (unconfirmed accounts cannot buy tokens or
 * go live). Does nothing when the address is already confirmed.
 */
export async function confirmEmailInPage(page: Page, origin: string): Promise<void> {
  const me = await page.evaluate(async () => {
    const response = await fetch('/api/me');
    return ((await response.json()) as { user: { email: string; emailVerified: boolean } }).user;
  });
  if (me.emailVerified) return;
  const mailbox = await page.context().newPage();
  await mailbox.goto(`${origin}/dev/mail?to=${encodeURIComponent(me.email)}`);
  await mailbox.getByRole('link', { name: 'Confirm your email address' }).first().click();
  await mailbox.getByRole('link', { name: 'Confirm my email' }).click();
  await mailbox.getByText('Your email address is confirmed').waitFor();
  await mailbox.close();
}

/** The local checkout, start to finish: the Fan pack is 550 tokens. */
export async function buyFanPack(page: Page, origin: string): Promise<void> {
  await confirmEmailInPage(page, origin);
  await page.goto(`${origin}/wallet/buy`);
  await page.getByRole('button', { name: /^Buy Fan/ }).click();
  await page.waitForURL(/\/dev\/checkout\//);
  await page.getByRole('button', { name: 'Pay $5.00' }).click();
  await page.waitForURL(/\/wallet\/return\?purchase=/);
  await page.getByRole('heading', { name: '+550 tokens added' }).waitFor();
}

/** Logs in as the seeded, verified performer (handle nova); lands in the studio. */
export async function logInAsDemoPerformer(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill('performer@encore.local');
  await page.getByLabel('Password', { exact: true }).fill('encore-performer-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${origin}/studio`);
}

/**
 * The demo performer (Nova) starts a show from a page of their own, as the studio would: tips are taken only
 * while live.
 */
export async function demoPerformerLive(browser: Browser, origin: string, title: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await logInAsDemoPerformer(page, origin);
  const status = await page.evaluate(
    async (body) =>
      (await fetch('/api/studio/live', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
        .status,
    JSON.stringify({ title }),
  );
  if (status !== 200) throw new Error(`the demo performer could not go live: ${status}`);
  return page;
}

export async function endDemoShow(page: Page): Promise<void> {
  await page.evaluate(() => fetch('/api/studio/live', { method: 'DELETE' }));
}
