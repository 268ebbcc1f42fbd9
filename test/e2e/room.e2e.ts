import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import {
  buyFanPack,
  demoPerformerLive,
  endDemoShow,
  logInAsDemoPerformer,
  signUpInPage,
  useStackAndChromium,
} from './stack.ts';

const run = useStackAndChromium();

async function viewer(
  browser: Browser,
  origin: string,
  name: string,
  width = 1280,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await signUpInPage(page, origin, 'Viewer', name);
  await page.waitForURL(`${origin}/`);
  return { page, problems };
}

describe('the live room, in Chromium', () => {
  it('chats between two viewers, tips with the balance updated, and lays out on desktop and phone', {
    timeout: 120_000,
  }, async () => {
    const origin = run.stack().origin;
    const ava = await viewer(run.browser(), origin, 'Ava');
    await buyFanPack(ava.page, origin);

    // In through the profile's button.
    await ava.page.goto(`${origin}/@nova`);
    await ava.page.getByRole('link', { name: 'Enter room' }).click();
    await ava.page.waitForURL(`${origin}/live/nova`);
    const avaInput = ava.page.getByRole('textbox', { name: 'Chat message' });
    await expect.poll(() => avaInput.isEnabled()).toBe(true);
    await ava.page.getByText('The stream starts here when Nova Lane goes live').waitFor();
    // Offline, the tip widget says when tips open instead of offering amounts.
    await ava.page.getByText('Tips open when Nova Lane is live.').waitFor();
    expect(await ava.page.getByRole('button', { name: /^Tip / }).count()).toBe(0);
    await screenshot(ava.page, 'room-offline-1280');
    const nova = await demoPerformerLive(run.browser(), origin, 'Synth-pop requests');
    await ava.page.getByRole('button', { name: 'Tip 25 tokens' }).waitFor();

    const ben = await viewer(run.browser(), origin, 'Ben');
    await ben.page.goto(`${origin}/live/nova`);
    await ben.page.getByText('2 viewers').waitFor();
    await ava.page.getByText('2 viewers').waitFor();

    await avaInput.fill('Hello @nova :heart: first time here');
    await avaInput.press('Enter');
    const avaLog = ava.page.getByRole('log', { name: 'Chat messages' });
    await avaLog.getByText('first time here').waitFor();
    await avaLog.getByRole('img', { name: 'heart' }).waitFor();
    expect(await avaInput.inputValue()).toBe('');
    await ben.page.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();

    await ava.page.getByRole('button', { name: '50 tokens' }).click();
    await ava.page.getByRole('button', { name: 'Tip 50 tokens' }).click();
    await ava.page.getByText('Thank you! You tipped 50 tokens.').waitFor();
    await ava.page.locator('.tip-balance', { hasText: 'Balance: 500 tokens' }).waitFor();
    await ava.page.getByRole('link', { name: 'Wallet balance: 500 tokens' }).waitFor();
    await ava.page.getByRole('listitem').filter({ hasText: 'Ava tipped 50 tokens' }).waitFor();
    await ben.page.getByRole('listitem').filter({ hasText: 'Ava tipped 50 tokens' }).waitFor();
    await ben.page
      .getByRole('region', { name: 'Top tippers' })
      .getByText('Ava is king of the room with 50 tokens')
      .waitFor();
    await ava.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(ava.page, 'room-1280');

    // More than the balance: refused in words, with a way to buy more.
    await ava.page.getByRole('textbox', { name: 'Custom amount' }).fill('9000');
    await ava.page.getByRole('button', { name: 'Tip 9,000 tokens' }).click();
    await ava.page.getByText('You do not have enough tokens for that tip.').waitFor();
    await ava.page.locator('.tip-balance', { hasText: 'Balance: 500 tokens' }).waitFor();

    await ben.page.setViewportSize({ width: 375, height: 800 });
    const toggle = ben.page.getByRole('button', { name: 'Send a tip' });
    await ben.page.reload();
    await ben.page.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await screenshot(ben.page, 'room-375');
    await toggle.click();
    await ben.page.getByRole('button', { name: 'Tip 25 tokens' }).waitFor();
    await screenshot(ben.page, 'room-375-tip-open');

    // Signed out: reading works, writing points to the log-in page.
    const anonymous = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const anonymousProblems = watchConsole(anonymous);
    await anonymous.goto(`${origin}/live/nova`);
    await anonymous.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();
    expect(await anonymous.getByRole('link', { name: 'Log in to chat' }).getAttribute('href')).toBe(
      '/login?next=%2Flive%2Fnova',
    );
    expect(await anonymous.getByRole('textbox', { name: 'Chat message' }).isDisabled()).toBe(true);
    await screenshot(anonymous, 'room-anonymous');

    await endDemoShow(nova);
    await ava.page.getByText('Tips open when Nova Lane is live.').waitFor();
    expect(ava.problems).toEqual([]);
    expect(ben.problems).toEqual([]);
    expect(anonymousProblems).toEqual([]);
  });

  it('lists a performer who goes live on the home page, and the card leads into the room', async () => {
    const origin = run.stack().origin;
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await logInAsDemoPerformer(page, origin);
    // The studio's live panel comes with the rest of the room issue; the API is what it will call.
    const status = await page.evaluate(
      async () =>
        (
          await fetch('/api/studio/live', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: 'Synth-pop requests', tags: ['music'] }),
          })
        ).status,
    );
    expect(status).toBe(200);

    const fan = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await fan.goto(`${origin}/`);
    const card = fan.getByRole('link', { name: /Synth-pop requests/ });
    await card.waitFor();
    await screenshot(fan, 'home-live-375');
    await card.click();
    await fan.waitForURL(`${origin}/live/nova`);
    await fan.getByRole('region', { name: 'Stream' }).getByText('Synth-pop requests').waitFor();
    await page.evaluate(async () => fetch('/api/studio/live', { method: 'DELETE' }));
    await fan.getByText('The stream starts here when Nova Lane goes live').waitFor();
    expect(problems).toEqual([]);
  });
});
