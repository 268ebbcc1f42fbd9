import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

describe('tip menu and goal, in Chromium', () => {
  it('the performer sets a menu and a goal; a viewer tips for items and watches the goal fill and celebrate', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;
    const performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems = watchConsole(performer);
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

    // The tip menu: two items; a bad price is caught before any request.
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

    // A simple goal of 30 tokens.
    const goal = performer.getByRole('region', { name: 'Goal', exact: true });
    await goal.getByRole('textbox', { name: 'Goal' }).fill('New synth patch');
    await goal.getByRole('textbox', { name: 'Target (tokens)' }).fill('30');
    await goal.getByRole('button', { name: 'Set goal' }).click();
    await goal.getByText('New synth patch').waitFor();
    await performer.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(performer, 'studio-goal-menu-1280');

    const viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Mia');
    await viewer.waitForURL(`${origin}/`);
    await buyFanPack(viewer, origin);
    await viewer.goto(`${origin}/live/nova`);
    const bar = viewer.getByRole('region', { name: /Goal: New synth patch/ });
    await bar.getByText('of 30 tokens').waitFor();
    const tipMenu = viewer.getByRole('region', { name: 'Tip menu' });

    // Tap, confirm: the tip for the item's price; Cancel sends nothing.
    await tipMenu.getByRole('button', { name: /Wave at the camera/ }).click();
    await tipMenu.getByText('Tip 10 tokens for “Wave at the camera”?').waitFor();
    await tipMenu.getByRole('button', { name: 'Cancel' }).click();
    await tipMenu.getByRole('button', { name: /Wave at the camera/ }).click();
    await tipMenu.getByRole('button', { name: 'Yes, tip' }).click();
    await tipMenu.getByText('Thank you! You tipped for “Wave at the camera”.').waitFor();
    await viewer
      .getByRole('region', { name: 'Stream' })
      .getByRole('listitem')
      .filter({ hasText: 'Mia tipped 10 tokens for “Wave at the camera”' })
      .waitFor();
    await expect.poll(() => bar.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');

    await tipMenu.getByRole('button', { name: /Play a request/ }).click();
    await tipMenu.getByRole('button', { name: 'Yes, tip' }).click();
    await bar.getByText('Goal reached!').waitFor();
    await bar.getByText('Reached', { exact: true }).waitFor();
    await screenshot(viewer, 'room-goal-reached-1280');

    await viewer.setViewportSize({ width: 375, height: 800 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await bar.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'room-goal-menu-375');

    // The performer ends the goal; the room's bar goes away.
    await goal.getByRole('button', { name: 'End goal' }).click();
    await goal.getByRole('button', { name: 'Yes, end goal' }).click();
    await bar.waitFor({ state: 'detached' });

    // An escrowed goal: the room sees the terms and the countdown to its deadline (an hour from ticking the box by
    // default, to the minute; a few minutes of slack for a slow machine between the click and the read).
    await goal.getByRole('textbox', { name: 'Goal' }).fill('Charity night');
    await goal.getByRole('textbox', { name: 'Target (tokens)' }).fill('5000');
    await goal.getByRole('checkbox', { name: /Hold tips until the goal is reached/ }).check();
    await goal.getByLabel('Deadline').waitFor();
    await goal.getByRole('button', { name: 'Set goal' }).click();
    const held = viewer.getByRole('region', { name: /Goal: Charity night/ });
    await held.getByText(/Tips are held until the goal is reached, and refunded if it is not reached in/).waitFor();
    await expect.poll(async () => held.locator('time').textContent()).toMatch(/^(5[6-9]|60) min \d\d s$|^1 h 00 min$/);
    // The earlier goal's celebration does not play again for the new one.
    expect(await held.getByText('Goal reached!').count()).toBe(0);
    await held.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'room-goal-escrow-375');
    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
  });
});
