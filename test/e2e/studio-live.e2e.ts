import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, confirmEmailInPage, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';
import { openTipForm } from './tip-form.ts';

const run = useStackAndChromium();

describe('the studio live panel, in Chromium', () => {
  describe('a show from the live panel', () => {
    // One story on shared pages: Nova goes live from the studio, Ava tips privately, Nova renames and ends the show.
    const step = storySteps();
    let origin: string;
    let performer: Page;
    let viewer: Page;
    let problems: string[] = [];
    let viewerProblems: string[] = [];
    const show = () => performer.getByRole('region', { name: /Late-night synth requests/ });
    const input = () => performer.getByRole('textbox', { name: 'Chat message' });

    step('opens the live panel from the studio’s Go live link, with the camera ready to start', async () => {
      origin = run.stack().origin;
      performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      problems = watchConsole(performer);
      await logInAsDemoPerformer(performer, origin);
      await performer.getByRole('navigation').getByRole('link', { name: 'Go live' }).click();
      await performer.waitForURL(`${origin}/studio/live`);
      await performer.getByRole('heading', { name: 'Start a show' }).waitFor();
      await performer.getByRole('button', { name: 'Start camera' }).waitFor();
    });

    step('refuses an empty title before any request', async () => {
      await performer.getByRole('button', { name: 'Go live' }).click();
      await performer.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    });

    step('goes live with a title and a tag, ready to chat and with no tips yet', async () => {
      await performer.getByRole('textbox', { name: 'Show title' }).fill('Late-night synth requests');
      const tag = performer.getByRole('textbox', { name: 'New tag' });
      await tag.fill('music');
      await tag.press('Enter');
      await performer.getByRole('button', { name: 'Remove tag music' }).waitFor();
      await performer.getByRole('button', { name: 'Go live' }).click();
      await show().getByRole('heading', { name: 'Your show: Late-night synth requests' }).waitFor();
      await show().getByText('#music').waitFor();
      await show().getByText('Live for').waitFor();
      await expect.poll(() => input().isEnabled()).toBe(true);
      await performer.getByText('No tips yet this show.').waitFor();
    });

    step('shows a viewer’s private tip and its note in the alert feed, announced once', async () => {
      const viewerContext = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
      viewer = await viewerContext.newPage();
      viewerProblems = watchConsole(viewer);
      await signUpInPage(viewer, origin, 'Viewer', 'Ava');
      await viewer.waitForURL(`${origin}/`);
      await buyFanPack(viewer, origin);
      await viewer.goto(`${origin}/live/nova`);
      await viewer.getByRole('region', { name: 'Stream' }).getByText('Late-night synth requests').waitFor();
      const form = await openTipForm(viewer);
      await form.getByRole('button', { name: '25 tokens', exact: true }).click();
      await form.getByLabel(/^Note/).fill('Play the one about the moon');
      await form.getByLabel(/Private note/).check();
      await form.getByRole('button', { name: 'Tip 25 tokens' }).click();
      await form.getByText('Thank you! You tipped 25 tokens.').waitFor();

      const feed = performer.getByRole('region', { name: 'Tip alerts' });
      const alert = feed.getByRole('listitem').filter({ hasText: '25 tokens' });
      await alert.waitFor();
      await alert.getByText('Ava').waitFor();
      await alert.getByText('Private').waitFor();
      await alert.getByText('Play the one about the moon').waitFor();
      expect(
        await performer
          .locator('[aria-live="polite"]', {
            hasText: 'Ava tipped 25 tokens, private note: “Play the one about the moon”',
          })
          .count(),
      ).toBe(1);
      await show().getByText('Viewers').waitFor();
    });

    step('sends the performer’s chat to the viewer', async () => {
      await input().fill('Thanks Ava :heart:');
      await input().press('Enter');
      await viewer.getByRole('log', { name: 'Chat messages' }).getByText('Thanks Ava').waitFor();
    });

    step('renames the show for viewers too, and fits a phone', async () => {
      // A second POST updates the show.
      await performer.getByRole('button', { name: 'Edit title' }).click();
      const rename = performer.getByRole('textbox', { name: 'Show title' });
      await rename.fill('Moon songs');
      await performer.getByRole('button', { name: 'Save title' }).click();
      await performer.getByRole('heading', { name: 'Your show: Moon songs' }).waitFor();
      await viewer.getByRole('region', { name: 'Stream' }).getByText('Moon songs').waitFor();
      await performer.evaluate(() => window.scrollTo(0, 0));
      // Toasts last 5 s and cover the feed.
      await performer.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
      await screenshot(performer, 'studio-live-1280');

      await performer.setViewportSize({ width: 375, height: 800 });
      expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(performer, 'studio-live-375');
    });

    step('asks before ending the show, keeps going on request, and ends it for viewers', async () => {
      await performer.getByRole('button', { name: 'End show' }).click();
      await performer.getByRole('button', { name: 'Keep going' }).click();
      await performer.getByRole('button', { name: 'End show' }).click();
      await performer.getByText('End the show for everyone watching?').waitFor();
      await performer.getByRole('button', { name: 'Yes, end show' }).click();
      await performer.getByRole('heading', { name: 'Start a show' }).waitFor();
      await viewer.getByText('The stream starts here when Nova Lane goes live').waitFor();
      await screenshot(performer, 'studio-live-offline-375');
    });

    step('logs no console errors on the performer’s or the viewer’s page', async () => {
      expect(problems).toEqual([]);
      expect(viewerProblems).toEqual([]);
    });
  });

  it('tells a performer not yet verified why they cannot go live, with the way to Verification', async () => {
    const origin = run.stack().origin;
    const page = await (await run.browser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    const problems = watchConsole(page);
    await signUpInPage(page, origin, 'Performer', 'Rae');
    await page.waitForURL((url) => url.pathname !== '/signup');
    await confirmEmailInPage(page, origin);
    await page.goto(`${origin}/studio/live`);
    await page.getByRole('textbox', { name: 'Show title' }).fill('First show');
    await page.getByRole('button', { name: 'Go live' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('link', { name: 'Verification' }).waitFor();
    expect(await alert.getByRole('link', { name: 'Verification' }).getAttribute('href')).toBe('/studio/verification');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await screenshot(page, 'studio-live-unverified-375');
    expect(problems).toEqual([]); // watchConsole already lets the expected 403 through
  });
});
