import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

// Browsers here start as new visitors, who have not answered the notice.
const run = useStackAndChromium({ newVisitors: true });
const origin = () => run.stack().origin;

/** A browser that has never been here: no answer to the notice yet. */
async function newVisitor(width = 1280, height = 800): Promise<{ page: Page; problems: string[]; asked: string[] }> {
  const page = await (await run.browser().newContext({ viewport: { width, height } })).newPage();
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  return { page, problems: watchConsole(page), asked };
}

/** Whether keyboard focus is inside the notice. */
const focusInNotice = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('dialog.age-gate')));

describe('the 18+ entry notice, in Chromium', () => {
  describe('before a profile', () => {
    // One story on one page: the notice stands before Nova's profile until the visitor enters.
    const step = storySteps();
    let visitor: Awaited<ReturnType<typeof newVisitor>>;
    const notice = () => visitor.page.getByRole('dialog', { name: 'Encore is for adults only' });

    step('stands before a profile: nothing of it fetched, focus kept inside, Escape does not dismiss it', async () => {
      visitor = await newVisitor();
      const { page, asked } = visitor;
      await page.goto(`${origin()}/@nova`);
      await notice().waitFor();
      await expect(
        notice()
          .getByRole('button', { name: 'Enter (I am 18 or older)' })
          .evaluate((b) => b === document.activeElement),
      ).resolves.toBe(true);
      await shots(page, 'age-notice');
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Tab');
        expect(await focusInNotice(page), `after Tab ${i + 1}`).toBe(true);
      }
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Shift+Tab');
        expect(await focusInNotice(page), `after Shift+Tab ${i + 1}`).toBe(true);
      }
      await page.keyboard.press('Escape');
      expect(await notice().isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Nova Lane' }).count()).toBe(0);
      expect(
        asked.filter(
          (path) => path.startsWith('/api/performers') || path.startsWith('/rooms/') || path.startsWith('/api/live/'),
        ),
      ).toEqual([]);
    });

    step('shows the profile on Enter by keyboard, and does not ask this browser again', async () => {
      const { page, problems } = visitor;
      await notice().getByRole('button', { name: 'Enter (I am 18 or older)' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Nova Lane' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Nova Lane' }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(problems).toEqual([]);
    });
  });

  it('shows nothing of a room to a visitor who leaves', async () => {
    const { page, asked } = await newVisitor(375, 812);
    await page.goto(`${origin()}/live/nova`);
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('heading', { name: 'You have left Encore' }).waitFor();
    expect(await focusInNotice(page)).toBe(true);
    expect(asked.filter((path) => path.startsWith('/rooms/') || path.startsWith('/api/live/'))).toEqual([]);
    await screenshot(page, 'age-notice-left-375');
    await page.getByRole('button', { name: 'Back to the age notice' }).click();
    await page.getByRole('dialog', { name: 'Encore is for adults only' }).waitFor();
  });

  it('lets anyone read the Terms, Privacy and 2257 pages, each marked for legal review and in the footer', async () => {
    const { page } = await newVisitor();
    await page.goto(`${origin()}/`);
    await page.getByRole('dialog').getByRole('link', { name: 'Terms of Service' }).click();
    await page.getByRole('heading', { level: 1, name: 'Terms of Service' }).waitFor();
    expect(await page.getByRole('complementary', { name: 'Draft notice' }).textContent()).toContain('legal review');
    const footer = page.getByRole('contentinfo');
    for (const [link, heading] of [
      ['Privacy', 'Privacy notice'],
      ['2257 statement', '18 U.S.C. 2257 record-keeping statement'],
      ['Terms', 'Terms of Service'],
    ] as const) {
      await footer.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.getByRole('complementary', { name: 'Draft notice' }).isVisible()).toBe(true);
    }
    await shots(page, 'terms');
  });

  it('signs up only someone who accepts the current Terms', async () => {
    const { page, problems } = await newVisitor();
    await page.goto(`${origin()}/signup`);
    await page.getByRole('button', { name: 'Enter (I am 18 or older)' }).click();
    const handle = `terms_${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel('Email').fill(`${handle}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill('a long enough secret');
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Display name').fill('Terms Reader');
    await page.getByLabel('Date of birth').fill('1990-05-05');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const terms = page.getByRole('checkbox', {
      name: /I am 18 or older and accept the Terms of Service \(version [\d-]+\)/,
    });
    await page.getByText('Accept the Terms of Service to sign up').first().waitFor();
    expect(await terms.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/signup');
    await shots(page, 'signup-terms');
    await terms.check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL((url) => url.pathname !== '/signup');
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
  });
});

/** The page at 1280x800 and 375x812, into test-results/screenshots and the worktree's .tmp for review. */
async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [375, 812],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}`);
    const tmp = new URL('../../.tmp/', import.meta.url).pathname;
    mkdirSync(tmp, { recursive: true });
    copyFileSync(
      new URL(`../../test-results/screenshots/${name}-${width}.png`, import.meta.url).pathname,
      `${tmp}${name}-${width}.png`,
    );
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
