import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

describe('moderation and reports, in Chromium', () => {
  it('a viewer reports a message; the performer sets slow mode, deletes it, mutes and bans the viewer', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;
    const performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    await performer.getByRole('textbox', { name: 'Show title' }).fill('Moderated show');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.getByRole('heading', { name: 'Your show: Moderated show' }).waitFor();
    await performer.getByRole('heading', { name: 'Chat modes' }).waitFor();

    const viewer = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    const viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Bo');
    await viewer.waitForURL(`${origin}/`);
    await viewer.goto(`${origin}/live/nova`);
    const input = viewer.getByRole('textbox', { name: 'Chat message' });
    await expect.poll(() => input.isEnabled()).toBe(true);
    for (const text of ['hello from Bo', 'this one is rude']) {
      await input.fill(text);
      await input.press('Enter');
    }
    const chat = performer.getByRole('log', { name: 'Chat messages' });
    await chat.getByText('this one is rude').waitFor();

    // The viewer reports a message, by keyboard, from the dialog.
    const otherViewer = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    const otherProblems = watchConsole(otherViewer);
    const cy = await signUpInPage(otherViewer, origin, 'Viewer', 'Cy');
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

    // Slow mode from the studio: the viewer is told.
    await performer.getByLabel('Slow mode').selectOption('30');
    await viewer.getByText('Slow mode: one message every 30 s').waitFor();

    // The performer deletes the message from its menu: it vanishes for the viewer too.
    const line = chat.getByRole('listitem').filter({ hasText: 'this one is rude' });
    await line.getByRole('button', { name: 'Moderate Bo' }).or(line.getByText('⋯')).first().click();
    await line.getByRole('button', { name: 'Delete message' }).click();
    await viewer.getByRole('log', { name: 'Chat messages' }).getByText('hello from Bo').waitFor();
    await expect.poll(() => viewer.getByText('this one is rude').count()).toBe(0);

    // Mute: the viewer sees it at once.
    const hello = chat.getByRole('listitem').filter({ hasText: 'hello from Bo' });
    await hello.getByText('⋯').click();
    await hello.getByRole('button', { name: 'Mute' }).click();
    await viewer.getByText('You are muted in this room.').waitFor();
    await screenshot(viewer, 'room-muted-375');
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Ban: the viewer's room closes; the studio lists the ban and the log shows it all.
    await hello.getByText('⋯').click();
    await hello.getByRole('button', { name: 'Ban from room' }).click();
    await viewer.getByText('You are banned from this room.').waitFor();
    const banned = performer.getByRole('region', { name: 'Banned and muted' });
    await banned.getByRole('button', { name: 'Unban Bo' }).waitFor();
    const log = performer.getByRole('region', { name: 'Moderation log' });
    await log.getByText('banned').waitFor();
    await log.getByText('set chat modes').waitFor();

    // On another device (same account, none of this page's memory) the refused socket is explained too.
    // Its console shows the refused upgrades, so it is not watched.
    const device = await run.browser().newContext({
      viewport: { width: 375, height: 800 },
      storageState: { cookies: await viewer.context().cookies(), origins: [] },
    });
    const elsewhere = await device.newPage();
    await elsewhere.goto(`${origin}/live/nova`);
    await elsewhere.getByText('You are banned from this room.').waitFor({ timeout: 20_000 });
    await device.close();
    await performer.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await performer.getByRole('heading', { name: 'Chat modes' }).scrollIntoViewIfNeeded();
    await screenshot(performer, 'studio-moderation-1280');
    await performer.setViewportSize({ width: 375, height: 800 });
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(performer, 'studio-moderation-375');

    // The performer appoints Cy, who gets the moderator tools on the room page.
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

    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
    expect(otherProblems).toEqual([]);
  });
});
