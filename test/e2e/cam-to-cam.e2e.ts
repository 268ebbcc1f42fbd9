import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type Stack, startStack } from '../../dev/stack.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { launchChromium, screenshot, watchConsole } from './chromium.ts';
import { buyFanPack, logInAsDemoPerformer, signUpInPage } from './stack.ts';
import { storySteps } from './story.ts';

/** The short billing minute the local stack allows: the camera's extra shows up within seconds. */
const MINUTE_MS = 5000;
const SETTINGS: ShowSettings = {
  ...DEFAULT_SHOW_SETTINGS,
  privateOn: true,
  privateRate: 50,
  minimumMinutes: 0,
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

async function newPage(width = 1280, height = 800): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser!.newContext({ viewport: { width, height } })).newPage();
  return { page, problems: watchConsole(page) };
}

/** Frames of the viewer's camera the studio decoded so far (its getStats reading, twice a second). */
async function camFrames(page: Page): Promise<number> {
  return Number(await page.locator('.show-viewer-cam').getAttribute('data-frames-decoded'));
}

describe('cam-to-cam in a private show, in Chromium with the fake camera', () => {
  const step = storySteps();
  let performer: Page;
  let ava: Page;
  const problems: string[][] = [];
  const studio = () => performer.getByRole('region', { name: 'Paid shows' });
  const spent = async () => Number(((await ava.getByTestId('show-spent').textContent()) ?? '').replace(/\D/g, ''));

  step(
    'puts Nova live with private shows at 50 tokens a minute and cam-to-cam at +10',
    { timeout: 180_000 },
    async () => {
      const made = await newPage();
      performer = made.page;
      problems.push(made.problems);
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
      await performer.getByRole('textbox', { name: 'Show title' }).fill('Cam-to-cam tonight');
      await performer.getByRole('button', { name: 'Go live' }).click();
      await performer.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 30_000 });
      await studio().getByText('Private requests appear here.').waitFor();
    },
  );

  step('starts Ava’s private show, which offers her camera at +10 tokens a minute', { timeout: 300_000 }, async () => {
    const made = await newPage();
    ava = made.page;
    problems.push(made.problems);
    await signUpInPage(ava, stack!.origin, 'Viewer', 'Ava');
    await ava.waitForURL(`${stack!.origin}/`);
    await buyFanPack(ava, stack!.origin);
    await ava.goto(`${stack!.origin}/live/nova`);
    await ava.getByText('You may turn on your camera in the show (+10 tokens/min).').waitFor();
    await ava.getByRole('button', { name: /^Start private/ }).click();
    await studio().getByRole('button', { name: 'Accept' }).click();
    await ava.locator('.show-live').waitFor();
    await ava.getByRole('button', { name: 'Turn on my camera (+10 tokens/min)' }).waitFor();
  });

  step('asks Ava to confirm the extra, then shows her a self-view', { timeout: 60_000 }, async () => {
    await ava.getByRole('button', { name: 'Turn on my camera (+10 tokens/min)' }).click();
    await ava.getByText('It adds 10 tokens/min from the next minute.').waitFor();
    await ava.getByRole('button', { name: 'Turn it on' }).click();
    await ava.locator('video.show-selfview-video').waitFor();
    await ava.getByText('You, seen by Nova Lane only · sending').waitFor({ timeout: 20_000 });
    await ava.getByRole('button', { name: 'Turn my camera off' }).waitFor();
  });

  step('shows Nova’s studio Ava’s camera, decoding its frames', { timeout: 60_000 }, async () => {
    const cam = performer.locator('.show-viewer-cam');
    await cam.locator('video').waitFor({ timeout: 20_000 });
    await performer.locator('.show-viewer-cam[data-state="live"]').waitFor({ timeout: 20_000 });
    const first = await camFrames(performer);
    expect(first).toBeGreaterThan(0);
    await expect.poll(() => camFrames(performer), { timeout: 10_000 }).toBeGreaterThan(first);
    await studio().scrollIntoViewIfNeeded();
    await screenshot(performer, 'cam-to-cam-studio-1280');
    await screenshot(ava, 'cam-to-cam-viewer-1280');
    await ava.setViewportSize({ width: 375, height: 812 });
    await screenshot(ava, 'cam-to-cam-viewer-375');
    expect(await ava.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await ava.setViewportSize({ width: 1280, height: 800 });
  });

  step(
    'charges the private rate plus the camera’s 10 for each minute while it is on',
    { timeout: 60_000 },
    async () => {
      // The camera has been on for a while by now: every minute from here costs 50 + 10.
      const before = await spent();
      await expect.poll(spent, { timeout: 3 * MINUTE_MS + 5000 }).toBeGreaterThanOrEqual(before + 60);
      expect(((await spent()) - before) % 60).toBe(0);
    },
  );

  step('takes the camera away from the studio when Ava turns it off', { timeout: 60_000 }, async () => {
    await ava.getByRole('button', { name: 'Turn my camera off' }).click();
    await ava.getByRole('button', { name: 'Turn on my camera (+10 tokens/min)' }).waitFor();
    await performer.locator('.show-viewer-cam').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await ava.locator('video.show-selfview-video').count()).toBe(0);
  });

  step('ends the show with no page errors on either side', { timeout: 60_000 }, async () => {
    await ava.getByRole('button', { name: 'End show' }).click();
    await ava.getByText('Private show ended').waitFor({ timeout: 10_000 });
    for (const list of problems) expect(list).toEqual([]);
  });
});
