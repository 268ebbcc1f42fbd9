import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, demoPerformerLive, endDemoShow, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';
import { openTipForm } from './tip-form.ts';

const run = useStackAndChromium();

/** wire/devices.ts DeviceControl (the e2e project does not compile the wire folder). */
type DeviceControl = 'pause' | 'resume' | 'skip' | 'clear';

/**
 * The performer's studio as the device adapters will drive it, reduced to its room frames: a socket of the
 * performer's page that says a device is connected, and sends controls.
 */
async function studioDevice(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/rooms/nova/ws`);
        (window as unknown as { device: WebSocket }).device = ws;
        ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', version: 1 }));
        ws.onerror = () => reject(new Error('the device socket failed'));
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string };
          if (message.type === 'welcome')
            ws.send(
              JSON.stringify({ type: 'device.status', clientId: 'device_status_1', connected: true, devices: 1 }),
            );
          if (message.type === 'device.result') resolve();
        };
      }),
  );
}

async function deviceControl(page: Page, action: DeviceControl): Promise<void> {
  await page.evaluate((action) => {
    const ws = (window as unknown as { device: WebSocket }).device;
    ws.send(JSON.stringify({ type: 'device.control', clientId: `device_${action}_1`, action }));
  }, action);
}

describe('the device queue in the room, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let performer: Page;
  let viewer: Page;
  let problems: string[] = [];
  const strip = () => viewer.getByRole('region', { name: 'Interactive toy' });
  // The full tip form opens from the tip bar (tip-form.ts); opened once, it stays open.
  const tipForm = () => viewer.getByRole('dialog', { name: /^Send a tip/ });
  const tipMenu = () => viewer.getByRole('region', { name: 'Tip menu' });

  step('lets the performer give a tip-menu item a toy reaction in the menu editor', async () => {
    origin = run.stack().origin;
    performer = await demoPerformerLive(run.browser(), origin, 'Toy night');
    await performer.goto(`${origin}/studio/live`);
    // The studio's tools are tabs.
    await performer.getByRole('tab', { name: 'Tip menu' }).click();
    const menu = performer.getByRole('region', { name: 'Tip menu' });
    await menu.getByRole('button', { name: 'Add item' }).click();
    await menu.getByRole('textbox', { name: 'Item 1' }).fill('Make waves');
    await menu.getByRole('textbox', { name: 'Price (tokens)' }).fill('33');
    await menu.getByRole('combobox', { name: 'Device' }).selectOption('wave');
    await menu.getByRole('textbox', { name: 'Strength (%)' }).fill('101');
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await menu.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    await menu.getByRole('textbox', { name: 'Strength (%)' }).fill('90');
    await menu.getByRole('textbox', { name: 'Seconds' }).fill('4');
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await performer.getByText('Tip menu saved').waitFor();
    await screenshot(performer, 'studio-menu-reaction-1280');
    // Caps (the levels editor belongs to the Devices panel): at most 60%, at most 2 waiting; and a long Medium
    // level, so no reaction ends by itself while the story looks at it.
    const status = await performer.evaluate(async () => {
      type Level = { min: number; reaction: { seconds: number } };
      const { settings } = (await (await fetch('/api/studio/devices')).json()) as { settings: { levels: Level[] } };
      const levels = settings.levels.map((l) =>
        l.min === 15 ? { ...l, reaction: { ...l.reaction, seconds: 60 } } : l,
      );
      const body = JSON.stringify({ ...settings, levels, maxIntensity: 60, maxQueue: 2 });
      return (
        await fetch('/api/studio/devices', { method: 'PUT', headers: { 'content-type': 'application/json' }, body })
      ).status;
    });
    expect(status).toBe(200);
    await studioDevice(performer);
  });

  step('tells a tipper before paying what their amount does on the toy, and shows it running', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Mia');
    await viewer.waitForURL(`${origin}/`);
    await buyFanPack(viewer, origin);
    await viewer.goto(`${origin}/live/nova`);
    await strip().getByText('Toy is waiting for tips').waitFor();
    await openTipForm(viewer);
    await tipForm().getByRole('button', { name: '25 tokens', exact: true }).click();
    await tipForm().getByText('Toy: Medium, 50% for 60 s').waitFor();
    await tipForm().getByRole('button', { name: 'Tip 25 tokens' }).click();
    await tipForm().getByText('Thank you! You tipped 25 tokens. The toy will react to it.').waitFor();
    const line = () => strip().locator('.device-strip-line').textContent();
    await expect.poll(line).toMatch(/^Mia · Medium · 50% for 60 s\d+ s left0 waiting$/);
    await screenshot(viewer, 'room-device-strip-1280');
  });

  step('shows the room a paused queue, its running reaction back at the head', async () => {
    await deviceControl(performer, 'pause');
    await strip().getByText('Toy paused').waitFor();
    await strip().getByText('1 waiting', { exact: true }).waitFor();
  });

  step('lets the menu item’s reaction win, held to the cap, and tells the tipper once the queue is full', async () => {
    await tipMenu()
      .getByRole('button', { name: /Make waves/ })
      .click();
    await tipMenu().getByText('Toy: Make waves, Wave at 60%, 4 s · 1 ahead in the queue').waitFor();
    await tipMenu().getByRole('button', { name: 'Yes, tip' }).click();
    await strip().getByText('2 waiting (full)').waitFor();
    await tipForm().getByRole('button', { name: '10 tokens', exact: true }).click();
    await tipForm().getByText('The toy queue is full: this tip is welcome but gets no toy reaction.').waitFor();
    // Still taken, without a reaction.
    await tipForm().getByRole('button', { name: 'Tip 10 tokens' }).click();
    await tipForm()
      .getByText('Thank you! You tipped 10 tokens. The toy queue was full, so no toy reaction this time.')
      .waitFor();
    await strip().getByText('2 waiting (full)').waitFor();
    await viewer.setViewportSize({ width: 375, height: 812 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await strip().scrollIntoViewIfNeeded();
    await screenshot(viewer, 'room-device-strip-375');
    await expectNoSeriousA11y(viewer, 'the room with the toy strip at 375×812');
    await viewer.setViewportSize({ width: 1280, height: 800 });
  });

  step('resumes where it was, and shows the toy gone when the studio’s socket closes', async () => {
    await deviceControl(performer, 'resume');
    const line = () => strip().locator('.device-strip-line').textContent();
    await expect.poll(line).toMatch(/^Mia · Medium · 50% for 60 s\d+ s left1 waiting$/);
    await performer.evaluate(() => (window as unknown as { device: WebSocket }).device.close());
    await strip().getByText('Toy disconnected').waitFor();
    // No toy: the tip form no longer promises a reaction.
    await tipForm().getByRole('button', { name: '25 tokens', exact: true }).click();
    expect(await tipForm().getByText(/^Toy:/).count()).toBe(0);
  });

  step('clears the queue when the show ends, and logs no console errors', async () => {
    await endDemoShow(performer);
    await strip().waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
