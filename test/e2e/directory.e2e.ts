import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { DirectoryResponse } from '../../wire/directory.ts';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { endDemoShow, logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();
const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const TITLE = 'Directory synth hour';

describe('the directory, in Chromium', () => {
  // One story: Nova is offline (the offline page), Ava follows her, Nova goes live on camera, her card shows a
  // frame of the stream, a search finds her by name and by tag, Ava's home leads with her, her profile says LIVE.
  const step = storySteps();
  let origin: string;
  let guest: Page;
  let phone: Page;
  let fan: Page;
  let performer: Page;
  let problems: string[] = [];
  const card = (page: Page) =>
    page.getByRole('list', { name: 'Live rooms' }).getByRole('listitem').filter({ hasText: TITLE });

  step('lists Nova on the offline page with her next scheduled show', async () => {
    origin = run.stack().origin;
    guest = await (await run.browser().newContext({ viewport: LAPTOP })).newPage();
    problems = watchConsole(guest);
    phone = await (await run.browser().newContext({ viewport: PHONE })).newPage();
    for (const page of [guest, phone]) {
      await page.goto(`${origin}/offline`);
      await page.getByRole('heading', { name: 'Offline now', exact: true }).waitFor();
      const nova = page.getByRole('listitem').filter({ hasText: 'Nova Lane' });
      await nova.getByText(/^Next show /).waitFor();
      await screenshot(page, `directory-offline-${page === guest ? '1280' : '375'}`);
      await expectNoSeriousA11y(page, `/offline at ${page === guest ? '1280' : '375'}`);
    }
  });

  step('a new viewer follows Nova, and her home leads with Following instead of the pitch', async () => {
    fan = await (await run.browser().newContext({ viewport: LAPTOP })).newPage();
    await signUpInPage(fan, origin, 'Viewer', 'Ava');
    await fan.waitForURL(`${origin}/`);
    await fan.goto(`${origin}/@nova`);
    await fan.getByRole('button', { name: /^Follow/ }).click();
    await fan.getByRole('button', { name: /^Following|^Unfollow/ }).waitFor();
    await fan.goto(`${origin}/`);
    await fan.getByRole('heading', { name: 'Following', level: 1 }).waitFor();
    await fan.getByText('No one you follow is live right now.').waitFor();
    expect(await fan.getByRole('heading', { name: 'Every show is better with an encore.' }).count()).toBe(0);
  });

  step('Nova goes live on camera, and a frame of her stream reaches the directory', async () => {
    performer = await (await run.browser().newContext({ viewport: LAPTOP })).newPage();
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    await performer.getByRole('button', { name: 'Start camera' }).click();
    await performer.getByRole('textbox', { name: 'Show title' }).fill(TITLE);
    const tag = performer.getByRole('textbox', { name: 'New tag' });
    await tag.fill('synthwave');
    await tag.press('Enter');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.getByRole('heading', { name: `Your show: ${TITLE}` }).waitFor();
    const thumbnail = async () => {
      const found = (await (await fetch(`${origin}/api/rooms?q=nova`)).json()) as DirectoryResponse;
      return found.rooms.find((r) => r.handle === 'nova')?.thumbnailUrl ?? null;
    };
    await expect.poll(thumbnail, { timeout: 30_000 }).toMatch(/^\/media\/thumbnails\/.+\.jpg$/);
  });

  step('shows Nova’s live card with the thumbnail, viewers, title and tags, on a laptop and a phone', async () => {
    for (const page of [guest, phone]) {
      await page.goto(`${origin}/`);
      const nova = card(page);
      await nova.waitFor();
      const picture = nova.locator('img.live-card-thumbnail');
      // The picture loads lazily: on a phone the card starts below the pitch.
      await nova.scrollIntoViewIfNeeded();
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
      await nova.getByText('#synthwave').waitFor();
      await nova.getByText(/\d+ viewers?/).waitFor();
      await page.waitForFunction(() => !document.querySelector('.loading, .page-loading'));
      await screenshot(page, `directory-live-${page === guest ? '1280' : '375'}`);
      await expectNoSeriousA11y(page, `/ at ${page === guest ? '1280' : '375'}`);
    }
  });

  step('finds Nova by part of her name and by her show’s tag, and says when nothing matches', async () => {
    const search = guest.getByRole('searchbox', { name: 'Search by name or tag' });
    await search.fill('nova la');
    await search.press('Enter');
    await guest.waitForURL(/[?&]q=nova\+la/);
    await card(guest).waitFor();
    await search.fill('synthwave');
    await guest.getByRole('button', { name: 'Search', exact: true }).click();
    await guest.waitForURL(/[?&]q=synthwave/);
    await card(guest).waitFor();
    await screenshot(guest, 'directory-search-1280');
    await search.fill('no-such-performer-here');
    await search.press('Enter');
    await guest.getByText('No live room matches').waitFor();
    await guest.getByRole('button', { name: /Clear search/ }).click();
    await card(guest).waitFor();
    await guest.getByRole('list', { name: 'Filter by tag' }).getByRole('button', { name: '#synthwave' }).click();
    await guest.waitForURL(/[?&]tag=synthwave/);
    await card(guest).waitFor();
  });

  step('puts Nova live at the top of her follower’s home', async () => {
    await fan.goto(`${origin}/`);
    const live = fan.getByRole('list', { name: 'Followed performers live now' });
    await live.getByRole('listitem').filter({ hasText: TITLE }).waitFor();
    await screenshot(fan, 'directory-home-following-1280');
    await expectNoSeriousA11y(fan, 'signed-in home at 1280');
  });

  step('shows LIVE on Nova’s profile with a link into the show', async () => {
    await guest.goto(`${origin}/@nova`);
    await guest.getByRole('heading', { name: /Nova Lane\s*Live/ }).waitFor();
    // The way back after logging in is the profile itself, encoded once.
    const next = async (name: string) =>
      new URL(
        (await guest.getByRole('link', { name, exact: true }).first().getAttribute('href')) ?? '',
        origin,
      ).searchParams.get('next');
    expect(await next('Log in')).toBe('/@nova');
    await guest.getByRole('link', { name: TITLE }).click();
    await guest.waitForURL(`${origin}/live/nova`);
  });

  step('takes the thumbnail down when the show ends', async () => {
    await endDemoShow(performer);
    await guest.goto(`${origin}/`);
    await guest.getByText('No one is live right now').waitFor();
    expect(problems).toEqual([]);
  });
});
