import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

describe('tip menu and goal, in Chromium', () => {
  // One story on shared pages: Nova, live, sets a menu and goals; Mia tips from the menu and watches the goal.
  const step = storySteps();
  let origin: string;
  let performer: Page;
  let viewer: Page;
  let problems: string[] = [];
  let viewerProblems: string[] = [];
  const goal = () => performer.getByRole('region', { name: 'Goal', exact: true });
  const bar = () => viewer.getByRole('region', { name: /Goal: New synth patch/ });
  const tipMenu = () => viewer.getByRole('region', { name: 'Tip menu' });

  step('lets the performer save a tip menu, catching a bad price before any request', async () => {
    origin = run.stack().origin;
    performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    // Tips (menu tips too) are taken only during a show.
    expect(
      await performer.evaluate(
        async () =>
          (
            await fetch('/api/studio/live', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"title":"Menu night"}',
            })
          ).status,
      ),
    ).toBe(200);

    // The studio's tools are tabs.
    await performer.getByRole('tab', { name: 'Tip menu' }).click();
    const menu = performer.getByRole('region', { name: 'Tip menu' });
    await menu.getByRole('button', { name: 'Add item' }).click();
    await menu.getByRole('textbox', { name: 'Item 1' }).fill('Wave at the camera');
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await menu.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    await menu.getByRole('textbox', { name: 'Price (tokens)' }).first().fill('10');
    await menu.getByRole('button', { name: 'Add item' }).click();
    await menu.getByRole('textbox', { name: 'Item 2' }).fill('Play a request');
    await menu.getByRole('textbox', { name: 'Price (tokens)' }).nth(1).fill('25');
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await performer.getByText('Tip menu saved').waitFor();
  });

  step('lets the performer set a simple goal', async () => {
    await performer.getByRole('tab', { name: 'Goal' }).click();
    await goal().getByRole('textbox', { name: 'Goal' }).fill('New synth patch');
    await goal().getByRole('textbox', { name: 'Target (tokens)' }).fill('30');
    await goal().getByRole('button', { name: 'Set goal' }).click();
    await goal().getByText('New synth patch').waitFor();
    await performer.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(performer, 'studio-goal-menu-1280');
  });

  step('shows a viewer in the room the goal and its target', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Mia');
    await viewer.waitForURL(`${origin}/`);
    await buyFanPack(viewer, origin);
    await viewer.goto(`${origin}/live/nova`);
    await bar().getByText('of 30 tokens').waitFor();
  });

  step('tips a menu item’s price after a confirmation that Cancel leaves unsent, and fills the goal', async () => {
    await tipMenu()
      .getByRole('button', { name: /Wave at the camera/ })
      .click();
    await tipMenu().getByText('Tip 10 tokens for “Wave at the camera”?').waitFor();
    await tipMenu().getByRole('button', { name: 'Cancel' }).click();
    await tipMenu()
      .getByRole('button', { name: /Wave at the camera/ })
      .click();
    await tipMenu().getByRole('button', { name: 'Yes, tip' }).click();
    await tipMenu().getByText('Thank you! You tipped for “Wave at the camera”.').waitFor();
    await viewer
      .getByRole('region', { name: 'Stream' })
      .getByRole('listitem')
      .filter({ hasText: 'Mia tipped 10 tokens for “Wave at the camera”' })
      .waitFor();
    await expect.poll(() => bar().getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
  });

  step('celebrates the goal when a tip reaches it, also on a phone-wide page', async () => {
    await tipMenu()
      .getByRole('button', { name: /Play a request/ })
      .click();
    await tipMenu().getByRole('button', { name: 'Yes, tip' }).click();
    await bar().getByText('Goal reached!').waitFor();
    await bar().getByText('Reached', { exact: true }).waitFor();
    await screenshot(viewer, 'room-goal-reached-1280');

    await viewer.setViewportSize({ width: 375, height: 800 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // On a phone the goal is one tap away, in its tab beside the chat.
    await viewer.getByRole('tab', { name: 'Goal' }).click();
    await bar().getByText('Reached', { exact: true }).waitFor();
    await screenshot(viewer, 'room-goal-menu-375');
  });

  step('takes the goal bar out of the room when the performer ends the goal', async () => {
    await goal().getByRole('button', { name: 'End goal' }).click();
    await goal().getByRole('button', { name: 'Yes, end goal' }).click();
    await bar().waitFor({ state: 'detached' });
  });

  step('shows the room an escrowed goal’s terms and deadline countdown, without the old celebration', async () => {
    // The deadline is an hour from ticking the box by default, to the minute; a few minutes of slack for a slow
    // machine between the click and the read.
    await goal().getByRole('textbox', { name: 'Goal' }).fill('Charity night');
    await goal().getByRole('textbox', { name: 'Target (tokens)' }).fill('5000');
    await goal()
      .getByRole('checkbox', { name: /Hold tips until the goal is reached/ })
      .check();
    await goal().getByLabel('Deadline').waitFor();
    await goal().getByRole('button', { name: 'Set goal' }).click();
    const held = viewer.getByRole('region', { name: /Goal: Charity night/ });
    await held.getByText(/Tips are held until the goal is reached, and refunded if it is not reached in/).waitFor();
    await expect.poll(async () => held.locator('time').textContent()).toMatch(/^(5[6-9]|60) min \d\d s$|^1 h 00 min$/);
    // The earlier goal's celebration does not play again for the new one.
    expect(await held.getByText('Goal reached!').count()).toBe(0);
    await held.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'room-goal-escrow-375');
  });

  step('logs no console errors on the performer’s or the viewer’s page', async () => {
    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
  });
});
