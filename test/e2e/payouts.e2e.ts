import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

const accountBadge = (page: Page) => page.getByRole('region', { name: 'Payout account' }).locator('.status-badge');

describe('a payout on the local demo, in Chromium', () => {
  // One story on shared pages: Nova sets up payouts and asks for one; an admin approves it.
  const step = storySteps();
  let origin: string;
  let performer: Page;
  let problems: string[] = [];

  step('shows the seeded performer’s payout account not started, with payouts disabled', async () => {
    origin = run.stack().origin;
    performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/earnings`);
    await performer.getByRole('heading', { name: 'Payout account' }).waitFor();
    expect(await accountBadge(performer).textContent()).toBe('Not started');
    expect(await performer.getByRole('button', { name: 'Request payout' }).isDisabled()).toBe(true);
    await screenshot(performer, 'payouts-not-started-1280');
    await performer.setViewportSize({ width: 375, height: 812 });
    await screenshot(performer, 'payouts-not-started-375');
    await performer.setViewportSize({ width: 1280, height: 800 });
  });

  step('activates the account through the local onboarding and takes a payout request', async () => {
    await performer.getByRole('button', { name: 'Set up payouts' }).click();
    await performer.waitForURL(/\/dev\/payouts\/onboarding\//);
    await performer.getByRole('button', { name: 'Finish: transfers succeed' }).click();
    await performer.waitForURL(`${origin}/studio/earnings`);
    await performer.getByText('Active', { exact: true }).waitFor();
    await performer.getByRole('button', { name: 'Request payout' }).click();
    await performer.locator('.payout-row').getByText('Requested', { exact: true }).waitFor();
    await screenshot(performer, 'payouts-requested-1280');
  });

  step('lets an admin signed in through Access approve and pay the request', async () => {
    const admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await admin.goto(`${origin}/admin`);
    await admin.waitForURL(/\/dev\/access/);
    await admin.getByRole('button', { name: 'Continue' }).click();
    await admin.waitForURL(`${origin}/admin`);
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Payouts' }).click();
    await admin.getByRole('checkbox', { name: "Choose @nova's payout" }).check();
    await admin.getByRole('button', { name: 'Approve and pay 1' }).click();
    await admin.getByText('1 paid, 0 failed').waitFor();
    await screenshot(admin, 'admin-payouts-approved-1280');
    await admin.setViewportSize({ width: 375, height: 812 });
    await screenshot(admin, 'admin-payouts-approved-375');
  });

  step('shows the performer the payout paid and the account still active', async () => {
    await performer.reload();
    await performer.locator('.payout-row').getByText('Paid', { exact: true }).waitFor();
    expect(await accountBadge(performer).textContent()).toBe('Active');
    await screenshot(performer, 'payouts-paid-1280');
    await performer.setViewportSize({ width: 375, height: 812 });
    await screenshot(performer, 'payouts-paid-375');
  });

  step('logs no console errors on the performer’s page', async () => {
    expect(problems).toEqual([]);
  });
});
