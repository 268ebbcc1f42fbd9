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
import { storySteps } from './story.ts';
import { openTipForm } from './tip-form.ts';

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
  // One story on shared pages: Ava buys tokens and waits in the room, Nova goes live, Ben joins.
  const step = storySteps();
  let origin: string;
  let ava: { page: Page; problems: string[] };
  let ben: { page: Page; problems: string[] };
  let nova: Page;
  let anonymousProblems: string[] = [];
  const avaInput = () => ava.page.getByRole('textbox', { name: 'Chat message' });

  step('lets a viewer with tokens in through the profile’s Enter room button', async () => {
    origin = run.stack().origin;
    ava = await viewer(run.browser(), origin, 'Ava');
    await buyFanPack(ava.page, origin);
    await ava.page.goto(`${origin}/@nova`);
    await ava.page.getByRole('link', { name: 'Enter room' }).click();
    await ava.page.waitForURL(`${origin}/live/nova`);
    await expect.poll(() => avaInput().isEnabled(), { timeout: 15_000 }).toBe(true);
  });

  step('says, while the performer is offline, where the stream starts and when tips open', async () => {
    await ava.page.getByText('The stream starts here when Nova Lane goes live').waitFor();
    // Offline, the tip widget says when tips open instead of offering amounts.
    await ava.page.getByText('Tips open when Nova Lane is live.').waitFor();
    expect(await ava.page.getByRole('button', { name: /^Tip \d/ }).count()).toBe(0);
    await screenshot(ava.page, 'room-offline-1280');
  });

  step('offers tip amounts as soon as the performer goes live', async () => {
    nova = await demoPerformerLive(run.browser(), origin, 'Synth-pop requests');
    await ava.page.getByRole('button', { name: 'Tip 25 tokens' }).waitFor();
  });

  step('counts the viewers on every viewer’s page', async () => {
    ben = await viewer(run.browser(), origin, 'Ben');
    await ben.page.goto(`${origin}/live/nova`);
    await ben.page.getByText('2 viewers').waitFor();
    await ava.page.getByText('2 viewers').waitFor();
  });

  step('sends a chat message with its emoji to both viewers and clears the input', async () => {
    await avaInput().fill('Hello @nova :heart: first time here');
    await avaInput().press('Enter');
    const avaLog = ava.page.getByRole('log', { name: 'Chat messages' });
    await avaLog.getByText('first time here').waitFor();
    await avaLog.getByRole('img', { name: 'heart' }).waitFor();
    expect(await avaInput().inputValue()).toBe('');
    await ben.page.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();
  });

  step(
    'takes a tip: thanks, lowers the balance and wallet, and shows it in both feeds and the top tippers',
    async () => {
      const form = await openTipForm(ava.page);
      await form.getByRole('button', { name: '50 tokens', exact: true }).click();
      await form.getByRole('button', { name: 'Tip 50 tokens' }).click();
      await form.getByText('Thank you! You tipped 50 tokens.').waitFor();
      await form.locator('.tip-balance', { hasText: 'Balance: 500 tokens' }).waitFor();
      await ava.page.getByRole('link', { name: 'Wallet balance: 500 tokens' }).waitFor();
      // In the chat stream (the stage keeps a list for screen readers too).
      const chatOf = (page: Page) => page.getByRole('log', { name: 'Chat messages' });
      await chatOf(ava.page).getByRole('listitem').filter({ hasText: 'Ava tipped 50 tokens' }).waitFor();
      await chatOf(ben.page).getByRole('listitem').filter({ hasText: 'Ava tipped 50 tokens' }).waitFor();
      await ben.page.getByRole('tab', { name: 'Top tippers' }).click();
      await ben.page
        .getByRole('region', { name: 'Top tippers' })
        .getByText('Ava is king of the room with 50 tokens')
        .waitFor();
      await ava.page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(ava.page, 'room-1280');
    },
  );

  step('refuses a tip over the balance in words, with a way to buy more, and keeps the balance', async () => {
    const form = await openTipForm(ava.page);
    await form.getByRole('textbox', { name: 'Custom amount' }).fill('9000');
    await form.getByRole('button', { name: 'Tip 9,000 tokens' }).click();
    await form.getByText('You do not have enough tokens for that tip.').waitFor();
    await form.locator('.tip-balance', { hasText: 'Balance: 500 tokens' }).waitFor();
  });

  step('lays out on a phone with the tip form in a sheet until opened', async () => {
    await ben.page.setViewportSize({ width: 375, height: 800 });
    await ben.page.reload();
    await ben.page.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();
    await screenshot(ben.page, 'room-375');
    await ben.page.getByRole('button', { name: 'Tip', exact: true }).click();
    await ben.page
      .getByRole('dialog', { name: /^Send a tip/ })
      .getByRole('button', { name: 'Tip 25 tokens' })
      .waitFor();
    await screenshot(ben.page, 'room-375-tip-open');
  });

  step('lets a signed-out visitor read the chat and points writing to the log-in page', async () => {
    const anonymous = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    anonymousProblems = watchConsole(anonymous);
    await anonymous.goto(`${origin}/live/nova`);
    await anonymous.getByRole('log', { name: 'Chat messages' }).getByText('first time here').waitFor();
    expect(await anonymous.getByRole('link', { name: 'Log in to chat' }).getAttribute('href')).toBe(
      '/login?next=%2Flive%2Fnova',
    );
    expect(await anonymous.getByRole('textbox', { name: 'Chat message' }).isDisabled()).toBe(true);
    await screenshot(anonymous, 'room-anonymous');
  });

  step('closes tips when the show ends', async () => {
    await endDemoShow(nova);
    await ava.page.getByText('Tips open when Nova Lane is live.').waitFor();
  });

  step('logs no console errors on any viewer’s page', async () => {
    expect(ava.problems).toEqual([]);
    expect(ben.problems).toEqual([]);
    expect(anonymousProblems).toEqual([]);
  });
});

describe('the home page, in Chromium', () => {
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
