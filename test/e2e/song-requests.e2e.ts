import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** What the performer has earned from played requests, all time (the earnings route, as the studio reads it). */
const requestEarnings = (page: Page) =>
  page.evaluate(
    async () => ((await (await fetch('/api/studio/earnings')).json()) as { requestsAllTime: number }).requestsAllTime,
  );

describe('song requests, in Chromium', () => {
  // One story: Nova opens requests; Mia requests two songs and bumps one; Nova accepts one and rejects the other
  // (Mia's wallet gets the refund); the now-playing route plays the accepted one, which flips to played.
  const step = storySteps();
  let origin: string;
  let performer: Page;
  let viewer: Page;
  let problems: string[] = [];
  let viewerProblems: string[] = [];
  const panel = () => viewer.getByRole('region', { name: 'Song requests' });
  const queue = () => performer.getByRole('region', { name: 'Queue' });

  step('lets the performer open requests from the studio while live', async () => {
    origin = run.stack().origin;
    performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    expect(
      await performer.evaluate(
        async () =>
          (
            await fetch('/api/studio/live', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"title":"Request night"}',
            })
          ).status,
      ),
    ).toBe(200);
    await performer.getByRole('link', { name: 'Requests' }).click();
    await performer.getByRole('heading', { name: 'Song requests', level: 1 }).waitFor();
    const settings = performer.getByRole('region', { name: 'Settings' });
    await settings.getByRole('textbox', { name: 'Price (tokens)' }).fill('0');
    await settings.getByRole('checkbox', { name: 'Requests open' }).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    await settings.getByRole('textbox', { name: 'Price (tokens)' }).fill('100');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await performer.getByText('Request settings saved').waitFor();
    await queue().getByText('Requests are open').waitFor();
  });

  step('lets a viewer request two songs, see the price held, and bump one', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    viewerProblems = watchConsole(viewer);
    await signUpInPage(viewer, origin, 'Viewer', 'Mia');
    await viewer.waitForURL(`${origin}/`);
    await buyFanPack(viewer, origin);
    await viewer.goto(`${origin}/live/nova`);
    // Song requests are a tab of the room.
    await viewer.getByRole('tab', { name: 'Songs' }).click();
    await panel().getByText('100 tokens', { exact: true }).waitFor();
    // An empty title is caught on the page.
    await panel().getByRole('button', { name: 'Request for 100 tokens' }).click();
    await panel().getByRole('alert').getByText('Give the title of the song.').waitFor();
    await panel().getByRole('combobox', { name: 'Title' }).fill('One More Time');
    await panel().getByRole('combobox', { name: 'Artist' }).fill('Daft Punk');
    await panel().getByRole('button', { name: 'Request for 100 tokens' }).click();
    await panel().getByText('Requested “One More Time”.', { exact: false }).waitFor();
    await panel().getByRole('combobox', { name: 'Title' }).fill('Baby Shark');
    await panel().getByRole('button', { name: 'Request for 100 tokens' }).click();
    await panel().getByText('Requested “Baby Shark”.', { exact: false }).waitFor();
    await viewer.getByRole('link', { name: 'Wallet balance: 350 tokens' }).waitFor();
    const mine = panel().getByRole('listitem').filter({ hasText: 'One More Time' });
    await mine.getByRole('textbox', { name: 'Tokens to add to “One More Time”' }).fill('50');
    await mine.getByRole('button', { name: 'Bump' }).click();
    await mine.getByText('150 tokens').waitFor();
    await viewer.getByRole('link', { name: 'Wallet balance: 300 tokens' }).waitFor();
    await screenshot(viewer, 'song-requests-room-1280');
    // The room page with the panel and a queue in it (the axe list sees the room with requests closed).
    await expectNoSeriousA11y(viewer, 'the room with song requests');
  });

  step('lets the performer accept one and reject the other with a reason; the viewer sees the refund', async () => {
    const accepted = queue().getByRole('listitem').filter({ hasText: 'One More Time' });
    await accepted.getByRole('button', { name: 'Accept “One More Time”' }).click();
    await accepted.getByText('In the queue').waitFor();
    const rejected = queue().getByRole('listitem').filter({ hasText: 'Baby Shark' });
    await rejected.getByRole('button', { name: 'Reject “Baby Shark”' }).click();
    await rejected.getByRole('textbox', { name: /Why you reject/ }).fill('Not tonight');
    await rejected.getByRole('button', { name: 'Reject and refund' }).click();
    await queue().getByText('Declined, refunded').waitFor();
    await screenshot(performer, 'song-requests-studio-1280');
    await expectNoSeriousA11y(performer, 'the studio queue with requests in it');
    await panel().getByText('“Not tonight”', { exact: false }).waitFor();
    // The refund reaches the wallet (the wallet page reads the ledger).
    await viewer.goto(`${origin}/wallet`);
    await viewer.getByRole('link', { name: 'Wallet balance: 400 tokens' }).waitFor();
  });

  // The release waits out the minute in which the performer may undo: this step outlasts the usual 60 s.
  step(
    'marks the accepted request played when it comes up as now playing, and the earnings rise',
    { timeout: 150_000 },
    async () => {
      const before = await requestEarnings(performer);
      const status = await performer.evaluate(
        async () =>
          (
            await fetch('/api/studio/now-playing', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ title: 'One More Time (Radio Edit)', artist: 'Daft Punk' }),
            })
          ).status,
      );
      expect(status).toBe(200);
      // Marked played, with a minute to undo a wrong match.
      await queue().getByRole('button', { name: 'Undo played “One More Time”' }).waitFor();
      await screenshot(performer, 'song-requests-studio-played-1280');
      await viewer.goto(`${origin}/live/nova`);
      await viewer.getByRole('tab', { name: 'Songs' }).click();
      await panel()
        .getByRole('listitem')
        .filter({ hasText: 'One More Time' })
        .getByText(/Played/)
        .waitFor();
      // Released to earnings once the minute to undo has passed (the Room's alarm): 70% of 150 tokens.
      await expect.poll(() => requestEarnings(performer), { timeout: 120_000, interval: 2_000 }).toBe(before + 105);
    },
  );

  step('fits a phone: the room panel and the studio queue at 375 wide', async () => {
    await viewer.setViewportSize({ width: 375, height: 812 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await panel().scrollIntoViewIfNeeded();
    await screenshot(viewer, 'song-requests-room-375');
    await performer.setViewportSize({ width: 375, height: 812 });
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(performer, 'song-requests-studio-375');
  });

  step('logs no console errors on the performer’s or the viewer’s page', async () => {
    expect(problems).toEqual([]);
    expect(viewerProblems).toEqual([]);
  });
});
