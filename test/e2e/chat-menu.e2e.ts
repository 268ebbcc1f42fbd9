import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { watchConsole } from './chromium.ts';

import { demoPerformerLive, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** The screen as seen (a full-page shot resizes the window, and an open menu closes on a resize). */
const seen = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

/**
 * Where the open menu is cut off, if anywhere: outside the screen, outside a box that clips its overflow
 * (unless the menu is in the top layer, which no box clips), or covered at its middle by something else.
 */
async function clipping(menu: Locator): Promise<string> {
  return menu.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const inside = (r: DOMRect) =>
      box.top >= r.top - 0.5 && box.bottom <= r.bottom + 0.5 && box.left >= r.left - 0.5 && box.right <= r.right + 0.5;
    if (box.width === 0 || !inside(new DOMRect(0, 0, innerWidth, innerHeight))) return `off screen: ${box.y}`;
    const topLayer = el.matches(':popover-open');
    for (let up = el.parentElement; up && !topLayer; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflow !== 'visible' && !inside(up.getBoundingClientRect())) return `clipped by ${up.className}`;
    }
    const middle = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return middle && el.contains(middle) ? 'whole' : `covered by ${middle?.className}`;
  });
}

describe('the chat moderation menu, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let nova: Page;
  let bo: Page;
  let problems: string[] = [];
  const last = () => nova.getByRole('log', { name: 'Chat messages' }).getByRole('listitem').last();

  step('fills Nova’s chat with Bo’s long messages, the last at the bottom of the chat box', async () => {
    origin = run.stack().origin;
    nova = await demoPerformerLive(run.browser(), origin, 'Menu night');
    problems = watchConsole(nova);
    await nova.setViewportSize({ width: 1280, height: 800 });
    await nova.goto(`${origin}/live/nova`);
    bo = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signUpInPage(bo, origin, 'Viewer', 'Bo');
    await bo.waitForURL(`${origin}/`);
    await bo.goto(`${origin}/live/nova`);
    const input = bo.getByRole('textbox', { name: 'Chat message' });
    await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);
    // Five is the chat's burst; long lines fill the box with fewer messages.
    for (let n = 1; n <= 5; n++) {
      await input.fill(`Message ${n}: ${'a long line that wraps over several rows of the chat box '.repeat(6)}`);
      await input.press('Enter');
      await nova.getByText(`Message ${n}:`).waitFor();
    }
    await last().getByText('Message 5:').waitFor();
  });

  for (const [width, height] of [
    [1280, 800],
    [375, 812],
  ] as const) {
    step(
      `opens the menu on the last message whole, inside the screen and unclipped, at ${width}×${height}`,
      async () => {
        await nova.setViewportSize({ width, height });
        // Opened at this size, as on a phone: the room lays its chat out for the screen it starts on.
        await nova.goto(`${origin}/live/nova`);
        const line = last();
        await line.getByText('Message 5:').waitFor();
        await line.scrollIntoViewIfNeeded();
        const button = line.getByRole('button', { name: 'Moderate Bo' });
        await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
        await button.click();
        const menu = nova.getByRole('group', { name: 'Moderate Bo' });
        await menu.getByRole('button', { name: 'Ban from room' }).waitFor();
        expect(await clipping(menu)).toBe('whole');
        expect(await button.getAttribute('aria-expanded')).toBe('true');
        await seen(nova, `chat-menu-last-message-${width}`);
        await nova.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden' });
        expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
      },
    );
  }

  step('deletes the message from the menu, and closes it', async () => {
    await nova.setViewportSize({ width: 1280, height: 800 });
    await last().getByRole('button', { name: 'Moderate Bo' }).click();
    await nova.getByRole('group', { name: 'Moderate Bo' }).getByRole('button', { name: 'Delete message' }).click();
    await expect.poll(() => nova.getByText('Message 5:').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => bo.getByText('Message 5:').count()).toBe(0);
    expect(await nova.locator(':popover-open').count()).toBe(0);
  });

  step('logs no console errors', () => {
    expect(problems).toEqual([]);
    return Promise.resolve();
  });
});
