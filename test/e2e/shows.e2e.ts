import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type Stack, startStack } from '../../dev/stack.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { launchChromium, screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage } from './stack.ts';
import { storySteps } from './story.ts';

/** The short billing minute the local stack allows (workers/shows/show-minute.ts): a show runs in seconds. */
const MINUTE_MS = 5000;
const SETTINGS: ShowSettings = {
  ...DEFAULT_SHOW_SETTINGS,
  privateOn: true,
  privateRate: 50,
  minimumMinutes: 0,
  spyRate: 10,
  groupRate: 20,
  groupMinimum: 2,
  camToCam: true,
  camToCamRate: 10,
};

let stack: Stack | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  const [started, launched] = await Promise.allSettled([
    startStack({ vars: { SHOW_MINUTE_MS: String(MINUTE_MS) } }),
    launchChromium(),
  ]);
  if (started.status === 'fulfilled') stack = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  if (started.status === 'rejected') throw started.reason;
  if (launched.status === 'rejected') throw launched.reason;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(width = 1280, height = 900): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser!.newContext({ viewport: { width, height } })).newPage();
  return { page, problems: watchConsole(page) };
}

async function viewer(name: string): Promise<{ page: Page; problems: string[] }> {
  const made = await newPage();
  await signUpInPage(made.page, stack!.origin, 'Viewer', name);
  await made.page.waitForURL(`${stack!.origin}/`);
  await buyFanPack(made.page, stack!.origin);
  return made;
}

/** Frames the player decoded so far (its getStats reading, four times a second). */
async function frames(page: Page): Promise<number> {
  return Number(await page.locator('.player').first().getAttribute('data-frames-decoded'));
}

const spent = (page: Page) => page.getByTestId('show-spent').textContent();

describe('paid shows, in Chromium with the fake camera and a 5 s billing minute', () => {
  let performer: Page;
  let performerProblems: string[] = [];
  const studio = () => performer.getByRole('region', { name: 'Paid shows' });

  describe('a private show that runs until the wallet is empty, with a spy and a public viewer', () => {
    const step = storySteps();
    let ava: Page;
    let spy: Page;
    let guest: Page;
    const problems: string[][] = [];

    step(
      'puts Nova live with private shows on at 50 tokens a minute and spying at 10',
      { timeout: 180_000 },
      async () => {
        ({ page: performer, problems: performerProblems } = await newPage());
        await logInAsDemoPerformer(performer, stack!.origin);
        const status = await performer.evaluate(
          async (body) =>
            (
              await fetch('/api/studio/shows/settings', {
                method: 'PUT',
                headers: { 'content-type': 'application/json' },
                body,
              })
            ).status,
          JSON.stringify(SETTINGS),
        );
        expect(status).toBe(200);
        await performer.goto(`${stack!.origin}/studio/live`);
        await performer.getByRole('button', { name: 'Start camera' }).click();
        await performer.getByRole('textbox', { name: 'Show title' }).fill('Paid shows tonight');
        await performer.getByRole('button', { name: 'Go live' }).click();
        await performer.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 30_000 });
        await studio().getByText('Private requests appear here.').waitFor();
      },
    );

    step(
      'shows a viewer the rate and that their balance covers it, and a guest the public video',
      {
        timeout: 300_000,
      },
      async () => {
        const a = await viewer('Ava');
        ava = a.page;
        problems.push(a.problems);
        const s = await viewer('Sam');
        spy = s.page;
        problems.push(s.problems);
        await spy.goto(`${stack!.origin}/live/nova`);
        const g = await newPage();
        guest = g.page;
        problems.push(g.problems);
        await ava.goto(`${stack!.origin}/live/nova`);
        await guest.goto(`${stack!.origin}/live/nova`);
        for (const page of [ava, guest]) await page.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
        const panel = ava.getByRole('region', { name: 'Paid shows' });
        await panel.getByText('50 tokens/min').first().waitFor();
        await panel.getByText('You have 550 tokens').waitFor();
        await screenshot(ava, 'shows-start-private-1280');
      },
    );

    step('gives the performer the request with its countdown, Accept and Decline', async () => {
      await ava.getByRole('button', { name: /^Start private/ }).click();
      await ava.getByText('Waiting for Nova Lane to accept').waitFor();
      const prompt = studio().locator('.show-request').filter({ hasText: 'Ava' });
      await prompt.getByText('50 tokens/min').waitFor();
      await prompt.getByText(/^0:[0-5]\d$|^1:00$/).waitFor();
      await prompt.getByRole('button', { name: 'Decline' }).waitFor();
      await screenshot(performer, 'shows-request-prompt-1280');
      await performer.setViewportSize({ width: 375, height: 812 });
      await screenshot(performer, 'shows-request-prompt-375');
      await performer.setViewportSize({ width: 1280, height: 900 });
    });

    step(
      'starts the show on Accept: Ava keeps decoding frames, the guest sees the placeholder',
      {
        timeout: 60_000,
      },
      async () => {
        const before = await frames(ava);
        const accepted = Date.now();
        await studio().getByRole('button', { name: 'Accept' }).click();
        await ava.locator('.show-live').waitFor();
        // The first frame painted after the show started for Ava (her pull is kept: she holds the seat).
        const painted = await ava.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const video = document.querySelector<HTMLVideoElement>('video.player-video')!;
              video.requestVideoFrameCallback(() => resolve(Date.now()));
            }),
        );
        console.log(`Accept to the private viewer's first decoded frame: ${painted - accepted} ms`);
        await expect.poll(() => frames(ava), { timeout: 10_000 }).toBeGreaterThan(before);
        await guest.locator('.player[data-state="show"]').waitFor({ timeout: 10_000 });
        await guest.getByText('Nova Lane is in a private show').first().waitFor();
        await performer.locator('.show-live').waitFor();
      },
    );

    step(
      'lets a signed-in viewer spy on the video for 10 tokens a minute, without the private chat',
      {
        timeout: 300_000,
      },
      async () => {
        await spy.getByText('Nova Lane is in a private show').first().waitFor();
        await spy.getByRole('button', { name: 'Spy · 10 tokens/min' }).click();
        await spy.getByText('Spying').waitFor();
        await spy.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
        expect(await spy.getByRole('region', { name: 'Private chat' }).count()).toBe(0);
        await studio().getByText('Spy', { exact: false }).first().waitFor();
        await spy.getByRole('button', { name: 'Leave show' }).click();
        await spy.locator('.player[data-state="show"]').waitFor({ timeout: 10_000 });
      },
    );

    step('carries the private chat between Ava and Nova', async () => {
      await ava.getByRole('textbox', { name: 'Private chat message' }).fill('Hi Nova, just us');
      await ava.getByRole('textbox', { name: 'Private chat message' }).press('Enter');
      await performer.getByRole('log', { name: 'Private chat messages' }).getByText('Hi Nova, just us').waitFor();
    });

    step('takes the rate each minute, shown on both sides', { timeout: 120_000 }, async () => {
      const tokens = async () => Number(((await spent(ava)) ?? '').replace(/\D/g, ''));
      const first = await tokens();
      await expect.poll(tokens, { timeout: 2 * MINUTE_MS + 5000 }).toBeGreaterThan(first);
      expect((await tokens()) % 50).toBe(0);
      const earned = await performer.getByTestId('show-earned').textContent();
      expect(Number((earned ?? '').replace(/\D/g, ''))).toBeGreaterThanOrEqual(100);
      await screenshot(ava, 'shows-in-private-viewer-1280');
      await screenshot(performer, 'shows-in-private-studio-1280');
      await ava.setViewportSize({ width: 375, height: 812 });
      await screenshot(ava, 'shows-in-private-viewer-375');
      expect(await ava.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await ava.setViewportSize({ width: 1280, height: 900 });
      await performer.setViewportSize({ width: 375, height: 812 });
      await screenshot(performer, 'shows-in-private-studio-375');
      await performer.setViewportSize({ width: 1280, height: 900 });
    });

    step(
      'warns both sides when the wallet cannot pay the next minute, then ends the show there',
      {
        timeout: 120_000,
      },
      async () => {
        await ava.getByText('Not enough tokens for the next minute').waitFor({ timeout: 12 * MINUTE_MS + 10_000 });
        await studio().getByText('wallet cannot pay the next minute').waitFor();
        await ava.getByText('Private show ended').waitFor({ timeout: 2 * MINUTE_MS + 10_000 });
        await ava.getByText('The wallet ran out of tokens for the next minute.').waitFor();
        // 550 tokens at 50 a minute: eleven minutes paid, none charged twice, none after the end.
        expect(await ava.getByTestId('summary-tokens').textContent()).toBe('550 tokens');
        await studio().getByText('Private show ended').waitFor();
        await screenshot(ava, 'shows-summary-viewer-1280');
        await screenshot(performer, 'shows-summary-studio-1280');
        await ava.setViewportSize({ width: 375, height: 812 });
        await screenshot(ava, 'shows-summary-viewer-375');
        await ava.setViewportSize({ width: 1280, height: 900 });
      },
    );

    step('gives the guest the video back when the show ends', { timeout: 40_000 }, async () => {
      await guest.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
    });

    step('logs no console errors on any page', () => {
      expect(performerProblems).toEqual([]);
      for (const list of problems) expect(list).toEqual([]);
      return Promise.resolve();
    });
    step('takes Ava’s rating, and the review appears on Nova’s profile', async () => {
      // The star a person clicks is the radio's label (the radio itself is drawn as the star).
      await ava.locator('label.show-star', { has: ava.getByRole('radio', { name: '5 stars' }) }).click();
      expect(await ava.getByRole('radio', { name: '5 stars' }).isChecked()).toBe(true);
      await ava.getByLabel('Comment (optional)').fill('Lovely private show');
      await ava.getByRole('button', { name: 'Send rating' }).click();
      await ava.getByText('Thank you: your rating is on the profile.').waitFor();
      await ava.goto(`${stack!.origin}/@nova`);
      await ava.getByText('Lovely private show').waitFor();
    });
  });

  describe('a group show with two participants and a guest outside it', () => {
    const step = storySteps();
    let ben: Page;
    let cid: Page;
    let guest: Page;

    step(
      'announces a group show from the studio, and viewers reserve seats for free',
      { timeout: 300_000 },
      async () => {
        if (!performer) throw new Error('the private show story did not put Nova live');
        [{ page: ben }, { page: cid }] = await Promise.all([viewer('Ben'), viewer('Cid')]);
        ({ page: guest } = await newPage(375, 812));
        for (const page of [ben, cid, guest]) await page.goto(`${stack!.origin}/live/nova`);
        await studio().getByRole('button', { name: 'Announce a group show' }).click();
        await studio().getByLabel('Title (optional)').fill('Synth party');
        await studio().getByLabel('Tokens per minute').fill('20');
        await studio().getByLabel('Seats needed to start').fill('2');
        await studio().getByRole('button', { name: 'Announce' }).click();
        await studio().getByText('0 of 2 seats reserved').waitFor();
        for (const page of [ben, cid]) {
          await page.getByText('Group show announced').waitFor();
          await page.getByRole('button', { name: 'Reserve seat (free)' }).click();
          await page.getByText('Your seat is reserved.').waitFor();
        }
        await studio().getByText('2 of 2 seats reserved').waitFor();
        await screenshot(ben, 'shows-group-reserved-1280');
      },
    );

    step(
      'starts it: participants decode the video and chat, the guest sees the placeholder',
      {
        timeout: 60_000,
      },
      async () => {
        await studio().getByRole('button', { name: 'Start group show' }).click();
        for (const page of [ben, cid]) {
          await page.locator('.show-live').waitFor();
          await page.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
          const before = await frames(page);
          await expect.poll(() => frames(page), { timeout: 10_000 }).toBeGreaterThan(before);
        }
        await guest.locator('.player[data-state="show"]').waitFor({ timeout: 10_000 });
        await guest.getByText('Group show in progress').first().waitFor();
        await ben.getByRole('textbox', { name: 'Group show chat message' }).fill('Hello group');
        await ben.getByRole('textbox', { name: 'Group show chat message' }).press('Enter');
        await cid.getByRole('log', { name: 'Group show chat messages' }).getByText('Hello group').waitFor();
        await expect.poll(() => spent(ben), { timeout: 2 * MINUTE_MS + 5000 }).not.toBe('20 tokens');
        await screenshot(ben, 'shows-group-participant-1280');
        await screenshot(performer, 'shows-group-studio-1280');
        await screenshot(guest, 'shows-group-guest-375');
      },
    );

    step(
      'ends for everyone when the performer ends it, with each participant’s summary',
      { timeout: 30_000 },
      async () => {
        await studio().getByRole('button', { name: 'End group show' }).click();
        for (const page of [ben, cid]) await page.getByText('Group show ended').waitFor({ timeout: 10_000 });
        await guest.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
      },
    );
  });
});
