import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';
import { openTipForm } from './tip-form.ts';

const run = useStackAndChromium();

/** Whether the element lies wholly inside the viewport as the page stands (no scrolling). */
async function whollyInView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const view = page.viewportSize()!;
  if (!box) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}

/** Whether at least `px` pixels of the element's height are inside the viewport. */
async function showsAtLeast(page: Page, element: Locator, px: number): Promise<boolean> {
  const box = await element.boundingBox();
  const view = page.viewportSize()!;
  if (!box) return false;
  return Math.min(box.y + box.height, view.height) - Math.max(box.y, 0) >= px;
}

/** Records what the page would say aloud, in place of the browser's voice (none in headless Chromium). */
async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    Object.defineProperty(window, 'speechSynthesis', {
      value: { speak: (u: SpeechSynthesisUtterance) => said.push(u.text), cancel: () => {} },
    });
  });
}

describe('the studio on air, in Chromium', () => {
  describe('one screen: camera, alerts and chat', () => {
    // One story: Nova goes live at 1280x800 with sounds and voice on; Ava follows and tips toward a goal; Nova's
    // phone shows the preview and chat; Nova ends the show and reads the summary.
    const step = storySteps();
    let origin: string;
    let nova: Page;
    let ava: Page;
    let phone: Page;
    let problems: string[] = [];
    const said = () => nova.evaluate(() => (window as unknown as { said: string[] }).said);

    step('goes live from the studio with the camera on, its tools in tabs', async () => {
      origin = run.stack().origin;
      nova = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      problems = watchConsole(nova);
      await recordSpeech(nova);
      await logInAsDemoPerformer(nova, origin);
      await nova.goto(`${origin}/studio/live`);
      await nova.getByRole('button', { name: 'Start camera' }).click();
      await nova.getByText('Preview: viewers cannot see this yet').waitFor();
      await nova.getByRole('textbox', { name: 'Show title' }).fill('Studio layout check');
      await nova.getByRole('button', { name: 'Go live' }).click();
      await nova.getByRole('heading', { name: 'Your show: Studio layout check' }).waitFor();
      await nova.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 20_000 });
      const tabs = nova.getByRole('tablist', { name: 'Studio tools' });
      for (const name of ['Moderation', 'Tip menu', 'Goal', 'Devices', 'Requests', 'Now playing', 'Settings'])
        await tabs.getByRole('tab', { name }).waitFor();
    });

    step('sets a goal from its tab, and the keyboard moves between tabs', async () => {
      const goalTab = nova.getByRole('tab', { name: 'Goal' });
      await goalTab.click();
      await nova.getByRole('tabpanel', { name: 'Goal' }).getByRole('textbox', { name: 'Goal' }).fill('New synth');
      await nova.getByRole('textbox', { name: 'Target (tokens)' }).fill('100');
      await nova.getByRole('button', { name: 'Set goal' }).click();
      await nova.getByRole('tabpanel', { name: 'Goal' }).getByText('0 of 100 tokens').waitFor();
      await goalTab.press('ArrowRight');
      expect(await nova.getByRole('tab', { name: 'Devices' }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => nova.evaluate(() => document.activeElement?.textContent)).toBe('Devices');
      await nova.getByRole('tab', { name: 'Goal' }).click();
    });

    step('turns on tip sounds and reading tips aloud', async () => {
      const alerts = nova.getByRole('region', { name: 'Tip alerts' });
      await alerts.getByRole('checkbox', { name: 'Tip sounds' }).check();
      await alerts.getByRole('checkbox', { name: 'Read tips aloud' }).check();
    });

    // Sign-up, a purchase and two tips: long on a loaded machine.
    step(
      'shows Ava’s tips in the alerts and the goal, and reads them aloud without the private note',
      { timeout: 120_000 },
      async () => {
        ava = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
        await signUpInPage(ava, origin, 'Viewer', 'Ava');
        await ava.waitForURL(`${origin}/`);
        await buyFanPack(ava, origin);
        expect(
          await ava.evaluate(() => fetch('/api/performers/nova/follow', { method: 'POST' }).then((r) => r.status)),
        ).toBe(200);
        await ava.goto(`${origin}/live/nova`);
        // The camera is on air, so the stream shows the player rather than the title; the thanks prove it is live.
        // The tip bar's preset tips at once; the full form carries the private note.
        await ava.getByRole('button', { name: 'Tip 25 tokens' }).first().click();
        await ava.getByText('Thank you! You tipped 25 tokens.').first().waitFor();
        const form = await openTipForm(ava);
        await form.getByLabel('Custom amount').fill('25');
        await form.getByLabel(/^Note/).fill('a secret only for you');
        await form.getByLabel(/Private note/).check();
        await form.getByRole('button', { name: 'Tip 25 tokens' }).click();
        await expect.poll(() => ava.getByText('Thank you! You tipped 25 tokens.').count()).toBeGreaterThan(0);
        await ava.getByRole('textbox', { name: 'Chat message' }).fill('Hello from the front row');
        await ava.getByRole('textbox', { name: 'Chat message' }).press('Enter');

        const alerts = nova.getByRole('region', { name: 'Tip alerts' });
        await expect.poll(() => alerts.getByRole('listitem').count()).toBe(2);
        await nova.getByRole('log', { name: 'Chat messages' }).getByText('Hello from the front row').waitFor();
        // The goal card and the goal editor show the same figures, without a reload.
        await expect.poll(() => nova.locator('.goal-bar .goal-figures').textContent()).toContain('50 of 100 tokens');
        await nova.getByRole('tabpanel', { name: 'Goal' }).getByText('50 of 100 tokens').waitFor();
        await expect.poll(said).toEqual(['Ava tipped 25 tokens', 'Ava tipped 25 tokens, with a private note']);
      },
    );

    step('has the camera, the chat and the tip alerts inside the first screen at 1280x800', async () => {
      await nova.evaluate(() => window.scrollTo(0, 0));
      await nova.locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
      expect(await whollyInView(nova, nova.getByRole('region', { name: 'Camera' }).locator('video'))).toBe(true);
      expect(await whollyInView(nova, nova.getByRole('log', { name: 'Chat messages' }))).toBe(true);
      expect(await whollyInView(nova, nova.getByRole('textbox', { name: 'Chat message' }))).toBe(true);
      expect(
        await whollyInView(nova, nova.getByRole('region', { name: 'Tip alerts' }).getByRole('listitem').first()),
      ).toBe(true);
      expect(await whollyInView(nova, nova.getByRole('button', { name: 'End show' }))).toBe(true);
      expect(await whollyInView(nova, nova.getByText(/\d+ kbps · \d+ fps/))).toBe(true);
      await screenshot(nova, 'studio-onair-1280');
    });

    step('has no serious or critical accessibility findings on the live studio', async () => {
      await expectNoSeriousA11y(nova, 'the live studio');
    });

    step('shows the preview and the chat together on a phone', async () => {
      phone = await (await run.browser().newContext({ viewport: { width: 375, height: 812 } })).newPage();
      problems.push(...watchConsole(phone));
      await logInAsDemoPerformer(phone, origin);
      await phone.goto(`${origin}/studio/live`);
      await phone.getByRole('heading', { name: 'Your show: Studio layout check' }).waitFor();
      // The camera stays with the desktop page (a second camera would take the show over): the preview's frame.
      const preview = phone.getByRole('region', { name: 'Camera' }).locator('.broadcast-preview');
      await preview.waitFor();
      await phone.getByRole('log', { name: 'Chat messages' }).getByText('Hello from the front row').waitFor();
      await phone.evaluate(() => window.scrollTo(0, 0));
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await whollyInView(phone, preview)).toBe(true);
      expect(await showsAtLeast(phone, phone.getByRole('log', { name: 'Chat messages' }), 80)).toBe(true);
      await screenshot(phone, 'studio-onair-375');
      await expectNoSeriousA11y(phone, 'the live studio on a phone');
    });

    step('sums up the show after End show: duration, peak viewers, tips, tokens and new followers', async () => {
      await nova.getByRole('button', { name: 'End show' }).click();
      await nova.getByRole('button', { name: 'Yes, end show' }).click();
      const summary = nova.getByRole('region', { name: 'Show ended: Studio layout check' });
      await summary.waitFor();
      const figure = async (name: string) =>
        (
          (await summary
            .locator('dt', { hasText: new RegExp(`^${name}$`) })
            .locator('+ dd')
            .textContent()) ?? ''
        ).trim();
      expect(await figure('Tips')).toBe('2');
      expect(await figure('Tokens')).toBe('50');
      expect(await figure('New followers')).toBe('1');
      expect(Number(await figure('Peak viewers'))).toBeGreaterThanOrEqual(1);
      expect(await figure('Duration')).toMatch(/^\d+ (s|min \d\d s)$/);
      await expect.poll(() => nova.evaluate(() => document.activeElement?.id)).toBe('show-summary-title');
      await nova.getByRole('heading', { name: 'Start a show' }).waitFor();
      await screenshot(nova, 'studio-onair-ended-1280');
      await expectNoSeriousA11y(nova, 'the studio after End show');
    });

    step('logs no console errors on the performer’s pages', async () => {
      await Promise.all([ava, phone, nova].map((page) => page.context().close()));
      expect(problems).toEqual([]);
    });
  });

  it('shows the Encore team’s warning as a banner across the studio until acknowledged', {
    timeout: 120_000,
  }, async () => {
    const origin = run.stack().origin;
    const page = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const problems = watchConsole(page);
    // The warning itself comes from an admin resolving a report (test/admin/reports.test.ts); here, its display.
    await page.route('**/api/me/warnings', (route) =>
      route.fulfill({
        json: { warnings: [{ message: 'Keep the chat friendly.', createdAt: '2026-11-30T10:00:00.000Z' }] },
      }),
    );
    await logInAsDemoPerformer(page, origin);
    const banner = page.getByRole('region', { name: 'A warning from the Encore team' });
    await banner.getByText('Keep the chat friendly.').waitFor();
    await page.goto(`${origin}/studio/live`);
    await banner.getByText('Keep the chat friendly.').waitFor();
    await expectNoSeriousA11y(page, 'the studio with a warning');
    await banner.getByRole('button', { name: 'I understand' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('tablist', { name: 'Studio tools' }).waitFor();
    expect(await banner.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
