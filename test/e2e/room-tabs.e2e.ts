import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { signUpInPage, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

describe('a room open in too many tabs, in Chromium', () => {
  it('closes the oldest tab, which says why and stays closed instead of taking a place back', {
    timeout: 120_000,
  }, async () => {
    const origin = run.stack().origin;
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    const problems = watchConsole(first);
    await signUpInPage(first, origin, 'Viewer', 'Tabby');
    await first.waitForURL(`${origin}/`);
    await first.goto(`${origin}/live/nova`);
    await first.getByText('The stream starts here when Nova Lane goes live').waitFor();
    const others: Page[] = [];
    // The cap is five sockets per account in a room: the sixth tab closes the first.
    for (let i = 0; i < 5; i++) {
      const tab = await context.newPage();
      await tab.goto(`${origin}/live/nova`);
      await tab.getByText('The stream starts here when Nova Lane goes live').waitFor();
      others.push(tab);
    }
    const banner = first.getByRole('status').filter({
      hasText: 'This room is open in too many of your tabs, so this one was closed; reload it to watch here.',
    });
    await banner.waitFor({ timeout: 15_000 });
    await screenshot(first, 'room-too-many-tabs');
    await first.setViewportSize({ width: 375, height: 812 });
    await screenshot(first, 'room-too-many-tabs-phone');
    // The newest tab keeps its place: it still says nothing is wrong.
    await others.at(-1)!.getByRole('textbox', { name: 'Chat message' }).waitFor();
    if (problems.length > 0) throw new Error(`console problems: ${problems.join('; ')}`);
    await context.close();
  });
});
