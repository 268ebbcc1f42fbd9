import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../dev/stack.ts';
import { launchChromium, screenshot, watchConsole } from './chromium.ts';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('buying tokens, in Chromium', () => {
  it('pays for a pack on the local checkout page and sees the tokens in the wallet', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const handle = `buyer_${Math.random().toString(36).slice(2, 8)}`;
    await page.goto(`${stack.origin}/signup`);
    await page.getByLabel('Email').fill(`${handle}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('a long enough secret');
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Display name').fill('Buyer');
    await page.getByLabel('Date of birth').fill('1990-05-05');
    await page.getByLabel('Viewer', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${stack.origin}/`);
    await page.getByRole('link', { name: 'Wallet balance: 0 tokens' }).waitFor();

    await page.goto(`${stack.origin}/wallet/buy`);
    await screenshot(page, 'wallet-buy');
    await page.getByRole('button', { name: /^Buy Fan/ }).click();
    await page.waitForURL(/\/dev\/checkout\//);
    await screenshot(page, 'local-checkout');
    await page.getByRole('button', { name: 'Pay $5.00' }).click();

    await page.waitForURL(/\/wallet\/return\?purchase=/);
    await page.getByRole('heading', { name: '+550 tokens added' }).waitFor();
    await screenshot(page, 'wallet-return');
    await page.getByRole('link', { name: 'Wallet balance: 550 tokens' }).waitFor();

    await page.goto(`${stack.origin}/wallet`);
    await page.getByText('Bought the Fan pack (50 bonus tokens)').waitFor();
    await screenshot(page, 'wallet');
    expect(problems).toEqual([]);
  });
});
