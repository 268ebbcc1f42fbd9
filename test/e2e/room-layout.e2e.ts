import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { watchConsole } from './chromium.ts';
import { buyFanPack, demoPerformerLive, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** Whether the element sits wholly inside the first screen (no scrolling) of a page `height` tall. */
async function inFirstScreen(element: Locator, height: number): Promise<string> {
  const box = await element.boundingBox();
  const inside = box !== null && box.y >= 0 && box.y + box.height <= height;
  return inside ? 'inside' : `outside: ${JSON.stringify(box)}`;
}

/** Presses Tab until `target` has the focus, as a keyboard-only visitor would; fails if it never gets there. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

describe('the room laid out on a laptop and a phone, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let desk: Page;
  let phone: Page;
  let problems: string[] = [];
  const chat = (page: Page) => page.getByRole('log', { name: 'Chat messages' });

  step('puts video, chat, tip bar and goal in the first screen at 1280×800', async () => {
    origin = run.stack().origin;
    desk = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(desk);
    await signUpInPage(desk, origin, 'Viewer', 'Iris');
    await desk.waitForURL(`${origin}/`);
    await buyFanPack(desk, origin);
    await demoPerformerLive(run.browser(), origin, 'Layout night');
    await desk.goto(`${origin}/live/nova`);
    const bar = desk.getByRole('region', { name: 'Tip', exact: true });
    await bar.getByRole('button', { name: '25 tokens' }).waitFor();
    await bar.getByRole('link', { name: /^Your balance: 550 tokens/ }).waitFor();
    await desk.screenshot({ path: 'test-results/screenshots/room-layout-1280-before-tip.png' });
    expect(await inFirstScreen(bar, 800)).toBe('inside');
    expect(await inFirstScreen(chat(desk), 800)).toBe('inside');
    expect(await inFirstScreen(desk.getByRole('region', { name: 'Stream' }), 800)).toBe('inside');
    await desk.getByText('Layout night').first().waitFor();
  });

  step('sends a tip from the bar by keyboard alone, and shows it in the chat stream', async () => {
    await desk.locator('body').click({ position: { x: 5, y: 5 } });
    const preset = desk.getByRole('region', { name: 'Tip', exact: true }).getByRole('button', { name: '25 tokens' });
    await tabTo(desk, preset);
    await desk.keyboard.press('Enter');
    await desk.getByText('Thank you! You tipped 25 tokens.').waitFor();
    await chat(desk).getByRole('listitem').filter({ hasText: 'Iris tipped 25 tokens' }).waitFor();
    await desk
      .getByRole('region', { name: 'Tip', exact: true })
      .getByRole('link', { name: /^Your balance: 525 tokens/ })
      .waitFor();
    await desk.getByRole('link', { name: 'Wallet balance: 525 tokens' }).waitFor();
    await desk.screenshot({ path: 'test-results/screenshots/room-layout-1280-after-tip.png' });
  });

  step('opens the full form from the bar without moving the video, and keeps an anonymous tip anonymous', async () => {
    const stage = desk.getByRole('region', { name: 'Stream' });
    const before = await stage.boundingBox();
    await tabTo(desk, desk.getByRole('button', { name: 'More tip options' }));
    await desk.keyboard.press('Enter');
    const form = desk.getByRole('dialog', { name: /Send a tip/ });
    await form.waitFor();
    expect(await stage.boundingBox()).toEqual(before);
    await form.getByRole('button', { name: '10 tokens', exact: true }).click();
    await form.getByRole('checkbox', { name: 'Tip anonymously' }).check();
    await form.getByLabel(/^Note/).fill('from the shadows');
    await tabTo(desk, form.getByRole('button', { name: 'Tip 10 tokens' }));
    await desk.keyboard.press('Enter');
    await form.getByText('Thank you! You tipped 10 tokens.').waitFor();
    const line = chat(desk).getByRole('listitem').filter({ hasText: 'Anonymous tipped 10 tokens' });
    await line.waitFor();
    expect(await line.textContent()).not.toContain('Iris');
    await desk.screenshot({ path: 'test-results/screenshots/room-layout-1280-full-form.png' });
    await desk.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });

  step('shows the tip menu, the top tippers and the bio in tabs, and the king’s crown in chat', async () => {
    await desk.getByRole('tab', { name: 'Top tippers' }).click();
    await desk.getByText('Iris is king of the room with 25 tokens').waitFor();
    await desk.getByRole('textbox', { name: 'Chat message' }).fill('long live the king');
    await desk.getByRole('textbox', { name: 'Chat message' }).press('Enter');
    const said = chat(desk).getByRole('listitem').filter({ hasText: 'long live the king' });
    await said.getByRole('img', { name: 'king of the room' }).waitFor();
    await desk.getByRole('tab', { name: 'Tip menu' }).click();
    await desk.getByRole('tabpanel', { name: 'Tip menu' }).waitFor();
    await desk.screenshot({ path: 'test-results/screenshots/room-layout-1280-menu-tab.png' });
    await expectNoSeriousA11y(desk, 'the live room at 1280×800');
  });

  step('on a phone, puts the chat and the tip button in the first screen; presets open in a sheet', async () => {
    phone = await (await run.browser().newContext({ viewport: { width: 375, height: 812 } })).newPage();
    const phoneProblems = watchConsole(phone);
    await signUpInPage(phone, origin, 'Viewer', 'Pia');
    await phone.waitForURL(`${origin}/`);
    await buyFanPack(phone, origin);
    await phone.goto(`${origin}/live/nova`);
    await chat(phone).getByText('long live the king').waitFor();
    const tip = phone.getByRole('button', { name: 'Tip', exact: true });
    await phone.screenshot({ path: 'test-results/screenshots/room-layout-375-before-tip.png' });
    expect(await inFirstScreen(tip, 812)).toBe('inside');
    expect(await inFirstScreen(chat(phone), 812)).toBe('inside');
    expect((await chat(phone).boundingBox())!.height).toBeGreaterThan(200);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await tip.click();
    const sheet = phone.getByRole('dialog', { name: /Send a tip/ });
    await sheet.getByRole('button', { name: 'Tip 25 tokens' }).click();
    await sheet.getByText('Thank you! You tipped 25 tokens.').waitFor();
    await phone.screenshot({ path: 'test-results/screenshots/room-layout-375-tip-sheet.png' });
    await sheet.getByRole('button', { name: 'Close' }).click();
    await chat(phone).getByRole('listitem').filter({ hasText: 'Pia tipped 25 tokens' }).waitFor();
    await phone.screenshot({ path: 'test-results/screenshots/room-layout-375-after-tip.png' });
    await phone.getByRole('tab', { name: 'Tip menu' }).click();
    await phone.screenshot({ path: 'test-results/screenshots/room-layout-375-menu-tab.png' });
    await expectNoSeriousA11y(phone, 'the live room at 375×812');
    if (phoneProblems.length > 0) throw new Error(`console problems: ${phoneProblems.join('; ')}`);
  });

  step('reports no console problems on the laptop page', async () => {
    expect(problems).toEqual([]);
  });
});
