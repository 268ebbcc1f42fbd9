import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { type NewAccount, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();
const origin = () => run.stack().origin;

/** Opens the newest mail to `to` with this subject in the local mailbox, as a person would, and clicks its button. */
async function followMailLink(page: Page, to: string, subject: string, button: string): Promise<void> {
  await page.goto(`${origin()}/dev/mail?to=${encodeURIComponent(to)}`);
  await page.getByRole('link', { name: subject }).first().click();
  await page.getByRole('link', { name: button }).click();
}

describe('account email, in Chromium', () => {
  const step = storySteps();
  let page: Page;
  let problems: string[];
  let account: NewAccount;

  step('asks a new account to confirm its email, and confirms it from the mailbox', async () => {
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    problems = watchConsole(page);
    account = await signUpInPage(page, origin(), 'Viewer', 'Mia Mail');
    await page.waitForURL(`${origin()}/`);
    const banner = page.getByRole('region', { name: 'Confirm your email' });
    await banner.getByText(account.email).waitFor();
    await screenshot(page, 'verify-banner');
    await followMailLink(page, account.email, 'Confirm your email address', 'Confirm my email');
    await page.getByText('Your email address is confirmed').waitFor();
    await screenshot(page, 'email-verified');
    await page.goto(`${origin()}/settings/account`);
    await page.getByText('(confirmed)').waitFor();
    expect(await banner.count()).toBe(0);
  });

  step('resets a forgotten password from the login page and signs in with the new one', async () => {
    await page.goto(`${origin()}/settings/account`);
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(`${origin()}/`);
    await page.goto(`${origin()}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Check your email').waitFor();
    await screenshot(page, 'forgot-password');
    await followMailLink(page, account.email, 'Reset your Encore password', 'Choose a new password');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('a fresh new secret');
    await screenshot(page, 'reset-password');
    await page.getByRole('button', { name: 'Save and log in' }).click();
    await page.waitForURL(`${origin()}/`);
    await page.getByText('Password changed').first().waitFor();
    const login = await page.request.post(`${origin()}/api/auth/login`, {
      data: { email: account.email, password: 'a fresh new secret' },
      headers: { Origin: origin() },
    });
    expect(login.status()).toBe(200);
    expect(problems).toEqual([]);
  });
});
