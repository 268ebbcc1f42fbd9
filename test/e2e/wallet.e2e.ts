import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { confirmEmailInPage, signUpInPage, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

describe('buying tokens, in Chromium', () => {
  it('asks a new account to confirm its email, then pays for a pack on the local checkout page', async () => {
    const origin = run.stack().origin;
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signUpInPage(page, origin, 'Viewer', 'Buyer');
    await page.waitForURL(`${origin}/`);
    await page.getByRole('link', { name: 'Wallet balance: 0 tokens' }).waitFor();

    await page.goto(`${origin}/wallet/buy`);
    await page.getByText('Confirm your email to buy tokens').waitFor();
    expect(await page.getByRole('button', { name: /^Buy Fan/ }).isDisabled()).toBe(true);
    await screenshot(page, 'wallet-buy-unconfirmed');
    await confirmEmailInPage(page, origin);
    await page.reload();
    await page.getByRole('button', { name: /^Buy Fan/ }).waitFor();
    expect(await page.getByText('Confirm your email to buy tokens').count()).toBe(0);
    await screenshot(page, 'wallet-buy');
    await page.getByRole('button', { name: /^Buy Fan/ }).click();
    await page.waitForURL(/\/dev\/checkout\//);
    await screenshot(page, 'local-checkout');
    await page.getByRole('button', { name: 'Pay $5.00' }).click();

    await page.waitForURL(/\/wallet\/return\?purchase=/);
    await page.getByRole('heading', { name: '+550 tokens added' }).waitFor();
    await screenshot(page, 'wallet-return');
    await page.getByRole('link', { name: 'Wallet balance: 550 tokens' }).waitFor();

    await page.goto(`${origin}/wallet`);
    await page.getByText('Bought the Fan pack (50 bonus tokens)').waitFor();
    await screenshot(page, 'wallet');
    expect(problems).toEqual([]);
  });
});
