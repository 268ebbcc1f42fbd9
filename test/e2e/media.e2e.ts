import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** What the player read from getStats() last (it refreshes four times a second). */
async function counts(page: Page): Promise<{ frames: number; audio: number }> {
  const player = page.locator('.player');
  return {
    frames: Number(await player.getAttribute('data-frames-decoded')),
    audio: Number(await player.getAttribute('data-audio-packets')),
  };
}

describe('live video, in Chromium with the fake camera', () => {
  describe('a show with three viewers', () => {
    // One story on shared pages: Nova starts the camera and goes live; three viewers watch until the show ends.
    const step = storySteps();
    let origin: string;
    let performer: Page;
    let viewers: { page: Page; viewerProblems: string[] }[] = [];
    let problems: string[] = [];
    const camera = () => performer.locator('section.broadcast');

    step('shows the performer a camera preview and the device pickers before anyone can see it', async () => {
      origin = run.stack().origin;
      performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      problems = watchConsole(performer);
      await logInAsDemoPerformer(performer, origin);
      await performer.goto(`${origin}/studio/live`);
      await performer.getByRole('button', { name: 'Start camera' }).click();
      await camera().getByText('Preview: viewers cannot see this yet').waitFor();
      await expect
        .poll(() => camera().getByLabel('Camera', { exact: true }).locator('option').count())
        .toBeGreaterThan(0);
      await camera().getByLabel('Microphone').waitFor();
    });

    step('puts the camera on air when the performer goes live, showing its bitrate and frame rate', async () => {
      await performer.getByRole('textbox', { name: 'Show title' }).fill('Camera check');
      await performer.getByRole('button', { name: 'Go live' }).click();
      await camera().getByText('On air').waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => Number(await camera().getAttribute('data-kbps')), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(async () => Number(await camera().getAttribute('data-fps')), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await camera()
        .getByText(/\d+ kbps/)
        .waitFor();
      await screenshot(performer, 'media-broadcast');
    });

    step('lets three viewers, one on a phone, decode the picture and receive sound', { timeout: 120_000 }, async () => {
      viewers = await Promise.all(
        [0, 1, 2].map(async (i) => {
          const page = await (
            await run
              .browser()
              .newContext({ viewport: i === 2 ? { width: 375, height: 800 } : { width: 1280, height: 900 } })
          ).newPage();
          const viewerProblems = watchConsole(page);
          await page.goto(`${origin}/live/nova`);
          return { page, viewerProblems };
        }),
      );
      for (const { page } of viewers) {
        await page.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
        const first = await counts(page);
        expect(first.frames).toBeGreaterThan(0);
        await expect.poll(async () => (await counts(page)).frames, { timeout: 10_000 }).toBeGreaterThan(first.frames);
        await expect.poll(async () => (await counts(page)).audio, { timeout: 10_000 }).toBeGreaterThan(first.audio);
        await page.getByRole('button', { name: 'Unmute' }).waitFor();
      }
    });

    step('starts the player muted and brings the sound with one click', async () => {
      const [one] = viewers;
      await one!.page.getByRole('button', { name: 'Unmute' }).click();
      expect(await one!.page.locator('video.player-video').evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
      await screenshot(viewers[0]!.page, 'media-viewer');
      await screenshot(viewers[2]!.page, 'media-viewer-phone');
    });

    step('tells every viewer’s player when the performer ends the show', async () => {
      await performer.getByRole('button', { name: 'End show' }).click();
      await performer.getByRole('button', { name: 'Yes, end show' }).click();
      for (const { page } of viewers) {
        await page.locator('.player[data-state="offline"]').waitFor({ timeout: 10_000 });
        await page.getByText('The stream starts here when').waitFor();
        await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
      }
      await screenshot(viewers[0]!.page, 'media-viewer-offline');
    });

    step('logs no console errors on the performer’s or the viewers’ pages', async () => {
      expect(problems).toEqual([]);
      for (const { viewerProblems } of viewers) expect(viewerProblems).toEqual([]);
    });
  });

  it('after a network blip the performer’s page republishes; the show stays live and viewers keep watching', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
    // Keep the page's peer connections reachable, to fake the blip below.
    await context.addInitScript(() => {
      const Original = window.RTCPeerConnection;
      const all: RTCPeerConnection[] = [];
      (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = all;
      window.RTCPeerConnection = class extends Original {
        constructor(config?: RTCConfiguration) {
          super(config);
          all.push(this);
        }
      };
    });
    const performer = await context.newPage();
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    await performer.getByRole('button', { name: 'Start camera' }).click();
    await performer.getByRole('textbox', { name: 'Show title' }).fill('Bumpy network');
    await performer.getByRole('button', { name: 'Go live' }).click();
    const camera = performer.locator('section.broadcast');
    await performer.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 20_000 });

    const viewer = await (await run.browser().newContext()).newPage();
    await viewer.goto(`${origin}/live/nova`);
    await viewer.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });

    // The connection fails (as when Wi-Fi drops): the page must publish again on its own.
    await performer.evaluate(() => {
      const pc = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections.at(-1)!;
      Object.defineProperty(pc, 'connectionState', { get: () => 'failed' });
      pc.dispatchEvent(new Event('connectionstatechange'));
    });
    await camera.getByText('Connection lost: reconnecting (your show stays live)…').waitFor();
    await performer.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 30_000 });
    expect(
      await performer.evaluate(() => (window as unknown as { peerConnections: unknown[] }).peerConnections.length),
    ).toBeGreaterThan(1);
    await performer.getByRole('button', { name: 'End show' }).waitFor();

    // The viewer follows the new publication and keeps decoding.
    await viewer.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
    const before = await counts(viewer);
    await expect.poll(async () => (await counts(viewer)).frames, { timeout: 15_000 }).toBeGreaterThan(before.frames);
    await performer.getByRole('button', { name: 'End show' }).click();
    await performer.getByRole('button', { name: 'Yes, end show' }).click();
    await viewer.locator('.player[data-state="offline"]').waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('a performer whose page vanishes: viewers see reconnecting, then the Room takes the video off air', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;
    const context = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
    const performer = await context.newPage();
    await logInAsDemoPerformer(performer, origin);
    await performer.goto(`${origin}/studio/live`);
    await performer.getByRole('button', { name: 'Start camera' }).click();
    await performer.getByRole('textbox', { name: 'Show title' }).fill('Short connection');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.locator('section.broadcast[data-state="live"]').waitFor({ timeout: 20_000 });

    const viewer = await (await run.browser().newContext()).newPage();
    await viewer.goto(`${origin}/live/nova`);
    await viewer.locator('.player[data-state="live"]').waitFor({ timeout: 30_000 });
    // The tab closes without ending the show: no goodbye reaches the Worker.
    await context.close();
    await viewer.locator('.player[data-state="reconnecting"]').waitFor({ timeout: 15_000 });
    await viewer.locator('.player').getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await screenshot(viewer, 'media-viewer-reconnecting');
    // The Room's check (every 10 s) finds the performer gone and clears the tracks.
    await viewer.locator('.player[data-state="offline"]').waitFor({ timeout: 60_000 });
    await viewer.getByText('camera is not on yet').waitFor();
  });
});
