import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';

import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** The screen as seen (a full-page shot resizes the window, and an open menu closes on a resize). */
const seen = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });
const SETTINGS: ShowSettings = { ...DEFAULT_SHOW_SETTINGS, privateOn: true, privateRate: 50, minimumMinutes: 0 };

/** Whether the element sits wholly inside the first screen (no scrolling) of a page `height` tall. */
async function inFirstScreen(element: Locator, height: number): Promise<string> {
  const box = await element.boundingBox();
  const inside = box !== null && box.y >= 0 && box.y + box.height <= height;
  return inside ? 'inside' : `outside: ${JSON.stringify(box)}`;
}

describe('the room on a phone (375×812) during a private show, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let nova: Page;
  let ava: Page;
  let problems: string[] = [];
  const bar = () => ava.getByRole('region', { name: 'Paid show', exact: true });
  const chatInput = () => ava.getByRole('textbox', { name: 'Chat message' });

  step('offers Ava a private show in a one-line bar under the tip bar, the chat still on screen', async () => {
    origin = run.stack().origin;
    nova = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logInAsDemoPerformer(nova, origin);
    const status = await nova.evaluate(
      async (body) =>
        (
          await fetch('/api/studio/shows/settings', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).status,
      JSON.stringify(SETTINGS),
    );
    expect(status).toBe(200);
    await nova.goto(`${origin}/studio/live`);
    await nova.getByRole('button', { name: 'Start camera' }).click();
    await nova.getByRole('textbox', { name: 'Show title' }).fill('Phone night');
    await nova.getByRole('button', { name: 'Go live' }).click();
    await nova.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 30_000 });

    ava = await (await run.browser().newContext({ viewport: { width: 375, height: 812 }, hasTouch: true })).newPage();
    problems = watchConsole(ava);
    await signUpInPage(ava, origin, 'Viewer', 'Ava');
    await ava.waitForURL(`${origin}/`);
    await buyFanPack(ava, origin);
    await ava.goto(`${origin}/live/nova`);
    await bar().getByText('Private show · 50 tokens/min').waitFor();
    await expect.poll(() => chatInput().isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await inFirstScreen(chatInput(), 812)).toBe('inside');
    expect(await inFirstScreen(bar(), 812)).toBe('inside');
    await screenshot(ava, 'room-phone-show-offer-375');
  });

  step('starts the show from the sheet; the bar then holds state, timer, spend and End', async () => {
    await bar().getByRole('button', { name: 'Open paid show' }).click();
    const sheet = ava.getByRole('dialog', { name: 'Paid show' });
    await sheet.getByRole('button', { name: /^Start private/ }).click();
    await sheet.getByText('Waiting for Nova Lane to accept').waitFor();
    await nova.getByRole('region', { name: 'Paid shows' }).getByRole('button', { name: 'Accept' }).click();
    await bar().getByText('Private show', { exact: true }).waitFor();
    await bar().getByTestId('show-bar-spent').getByText('Spent so far: 50 tokens').waitFor();
    await bar().locator('time.show-clock').waitFor();
    await bar().getByRole('button', { name: 'End', exact: true }).waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'hidden' });
  });

  step('keeps the public chat input in the first screen while in the private show', async () => {
    expect(await inFirstScreen(chatInput(), 812)).toBe('inside');
    expect(await inFirstScreen(bar(), 812)).toBe('inside');
    expect(await ava.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await seen(ava, 'room-phone-in-private-375');
    await expectNoSeriousA11y(ava, 'room in a private show at 375×812');
  });

  step('opens the full panel and the private chat in the sheet, and carries a private message', async () => {
    await bar().getByRole('button', { name: 'Details paid show' }).click();
    const sheet = ava.getByRole('dialog', { name: 'Paid show' });
    const input = sheet.getByRole('textbox', { name: 'Private chat message' });
    await input.fill('Hi from my phone');
    await input.press('Enter');
    await nova.getByRole('log', { name: 'Private chat messages' }).getByText('Hi from my phone').waitFor();
    await seen(ava, 'room-phone-show-sheet-375');
    await expectNoSeriousA11y(ava, 'show sheet open at 375×812');
    await sheet.getByRole('button', { name: 'Close' }).click();
  });

  step('reaches tip sounds and fullscreen from the video’s options, by keyboard', async () => {
    const options = ava.getByRole('button', { name: 'Video options' });
    await options.focus();
    await ava.keyboard.press('Enter');
    const menu = ava.getByRole('group', { name: 'Video options' });
    const sounds = menu.getByRole('button', { name: 'Tip sounds' });
    await sounds.waitFor();
    await menu.getByRole('button', { name: 'Fullscreen' }).waitFor();
    expect(await sounds.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await sounds.getAttribute('aria-pressed')).toBe('false');
    await seen(ava, 'room-phone-video-options-375');
    await expectNoSeriousA11y(ava, 'video options open at 375×812');
    await ava.keyboard.press('Enter');
    await expect.poll(() => sounds.getAttribute('aria-pressed')).toBe('true');
    await ava.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await options.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  step('ends the show from the bar and says so there', async () => {
    await bar().getByRole('button', { name: 'End', exact: true }).click();
    await bar().getByText('Show ended: see the summary').waitFor();
    expect(await inFirstScreen(chatInput(), 812)).toBe('inside');
    await screenshot(ava, 'room-phone-show-ended-375');
  });

  step('logs no console errors', () => {
    expect(problems).toEqual([]);
    return Promise.resolve();
  });
});
