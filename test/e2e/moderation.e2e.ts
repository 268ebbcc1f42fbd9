import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, type NewAccount, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

describe('moderation and reports, in Chromium', () => {
  // One story on shared pages: Nova is live, Bo chats, Cy reports Bo; Nova moderates Bo and appoints Cy.
  const step = storySteps();
  let origin: string;
  let performer: Page;
  let viewer: Page;
  let otherViewer: Page;
  let cy: NewAccount;
  let problems: string[] = [];
  let viewerProblems: string[] = [];
  let otherProblems: string[] = [];
  const chat = () => performer.getByRole('log', { name: 'Chat messages' });
  const hello = () => chat().getByRole('listitem').filter({ hasText: 'hello from Bo' });

  step('shows the performer who goes live from the studio the chat modes', async () => {
    origin = run.stack().origin;
    performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    await performer.getByRole('textbox', { name: 'Show title' }).fill('Moderated show');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.getByRole('heading', { name: 'Your show: Moderated show' }).waitFor();
    await performer.getByRole('heading', { name: 'Chat modes' }).waitFor();
  });

  step('shows a viewer’s chat messages in the studio', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Bo');
    await viewer.waitForURL(`${origin}/`);
    await viewer.goto(`${origin}/live/nova`);
    const input = viewer.getByRole('textbox', { name: 'Chat message' });
    await expect.poll(() => input.isEnabled()).toBe(true);
    for (const text of ['hello from Bo', 'this one is rude']) {
      await input.fill(text);
      await input.press('Enter');
    }
    await chat().getByText('this one is rude').waitFor();
  });

  step('lets another viewer report a message by keyboard, from the dialog', async () => {
    otherViewer = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    otherProblems = watchConsole(otherViewer);
    cy = await signUpInPage(otherViewer, origin, 'Viewer', 'Cy');
    await otherViewer.waitForURL(`${origin}/`);
    await otherViewer.goto(`${origin}/live/nova`);
    const rude = otherViewer
      .getByRole('log', { name: 'Chat messages' })
      .getByRole('listitem')
      .filter({ hasText: 'this one is rude' });
    await rude.getByRole('button', { name: 'Report Bo’s message' }).focus();
    await otherViewer.keyboard.press('Enter');
    await otherViewer.getByRole('dialog', { name: 'Report Bo’s message' }).waitFor();
    const dialog = otherViewer.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Harassment or bullying' }).check();
    await dialog.getByRole('textbox', { name: /Anything else/ }).fill('Insults the performer');
    await screenshot(otherViewer, 'report-dialog-375');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByRole('heading', { name: 'Report sent' }).waitFor();
    await otherViewer.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  step('tells the viewer when the performer sets slow mode', async () => {
    await performer.getByLabel('Slow mode').selectOption('30');
    await viewer.getByText('Slow mode: one message every 30 s').waitFor();
  });

  step('removes a message the performer deletes from the viewer’s chat too', async () => {
    const line = chat().getByRole('listitem').filter({ hasText: 'this one is rude' });
    await line.getByRole('button', { name: 'Moderate Bo' }).or(line.getByText('⋯')).first().click();
    await line.getByRole('button', { name: 'Delete message' }).click();
    await viewer.getByRole('log', { name: 'Chat messages' }).getByText('hello from Bo').waitFor();
    await expect.poll(() => viewer.getByText('this one is rude').count()).toBe(0);
  });

  step('tells a muted viewer at once, on a phone-wide page', async () => {
    await hello().getByText('⋯').click();
    await hello().getByRole('button', { name: 'Mute' }).click();
    await viewer.getByText('You are muted in this room.').waitFor();
    await screenshot(viewer, 'room-muted-375');
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  step('closes the room for a banned viewer; the studio lists the ban and logs it', async () => {
    await hello().getByText('⋯').click();
    await hello().getByRole('button', { name: 'Ban from room' }).click();
    await viewer.getByText('You are banned from this room.').waitFor();
    const banned = performer.getByRole('region', { name: 'Banned and muted' });
    await banned.getByRole('button', { name: 'Unban Bo' }).waitFor();
    const log = performer.getByRole('region', { name: 'Moderation log' });
    await log.getByText('banned').waitFor();
    await log.getByText('set chat modes').waitFor();
  });

  step('explains the ban on the banned viewer’s other device too', async () => {
    // Same account, none of this page's memory. Its console shows the refused upgrades, so it is not watched.
    const device = await run.browser().newContext({
      viewport: { width: 375, height: 800 },
      storageState: { cookies: await viewer.context().cookies(), origins: [] },
    });
    const elsewhere = await device.newPage();
    await elsewhere.goto(`${origin}/live/nova`);
    await elsewhere.getByText('You are banned from this room.').waitFor({ timeout: 20_000 });
    await device.close();
  });

  step('fits the studio’s moderation on a phone', async () => {
    await performer.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await performer.getByRole('heading', { name: 'Chat modes' }).scrollIntoViewIfNeeded();
    await screenshot(performer, 'studio-moderation-1280');
    await performer.setViewportSize({ width: 375, height: 800 });
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(performer, 'studio-moderation-375');
  });

  step('gives a viewer the performer appoints the moderator tools on the room page', async () => {
    await performer.setViewportSize({ width: 1280, height: 900 });
    await performer.getByRole('textbox', { name: 'Handle of the new moderator' }).fill(`@${cy.handle}`);
    await performer.getByRole('button', { name: 'Appoint' }).click();
    await performer.getByRole('button', { name: 'Remove Cy as moderator' }).waitFor();
    await otherViewer.getByText('Moderator tools').click();
    const here = otherViewer.getByRole('region', { name: 'In the room' });
    await here.getByText('Nova Lane').waitFor();
    await here.getByText('Mod', { exact: true }).waitFor();
    await screenshot(otherViewer, 'room-moderator-tools-375');
    expect(await otherViewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  step('logs no console errors on the performer’s or the viewers’ pages', async () => {
    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
    expect(otherProblems).toEqual([]);
  });
});
