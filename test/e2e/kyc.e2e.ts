import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { solidPng } from './png.ts';
import { confirmEmailInPage, type NewAccount, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** A photo-like PNG (a gradient with noise, so it does not compress): big enough that its upload visibly takes time. */
function noisyPng(width: number, height: number, tint: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const noise = Math.floor(Math.random() * 60);
      row[1 + x * 3] = Math.min(255, tint[0] * (x / width) + noise);
      row[2 + x * 3] = Math.min(255, tint[1] * (y / height) + noise);
      row[3 + x * 3] = Math.min(255, tint[2] + noise);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('identity verification, in Chromium', () => {
  // One story on shared pages: Ada signs up as a performer, submits her documents, an admin approves, she goes live.
  const step = storySteps();
  let origin: string;
  let performerContext: BrowserContext;
  let performer: Page;
  let admin: Page;
  let account: NewAccount;
  let problems: string[] = [];
  let adminProblems: string[] = [];

  step('refuses to let a performer who is not yet verified go live', async () => {
    origin = run.stack().origin;
    performerContext = await run.browser().newContext({ viewport: { width: 1280, height: 900 } });
    performer = await performerContext.newPage();
    problems = watchConsole(performer);
    account = await signUpInPage(performer, origin, 'Performer', 'Ada Stage');
    await performer.waitForURL(/\/studio/);
    expect(
      await performer.evaluate(
        async () =>
          (
            await fetch('/api/studio/live', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ title: 'Too soon' }),
            })
          ).status,
      ),
    ).toBe(403);
  });

  step('leads from the studio to Verification, not started', async () => {
    await performer.getByRole('navigation').getByRole('link', { name: 'Verification' }).click();
    await performer.waitForURL(`${origin}/studio/verification`);
    await performer.getByRole('heading', { name: /Status: Not started/ }).waitFor();
  });

  step('shows each field’s problem when submitted empty, without sending anything, also on a phone', async () => {
    await performer.getByRole('button', { name: 'Submit for review' }).click();
    await performer.getByRole('alert').getByText('Check the highlighted fields and try again').waitFor();
    await performer
      .getByRole('alert')
      .getByRole('link', { name: /Legal name:/ })
      .waitFor();
    await performer.setViewportSize({ width: 375, height: 812 });
    await screenshot(performer, 'kyc-form-errors-375');
    expect(await performer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await performer.setViewportSize({ width: 1280, height: 900 });
  });

  step('shows each upload’s progress part-way, then puts the submission in review', { timeout: 120_000 }, async () => {
    await performer.getByLabel('Legal name').fill('Ada Lovelace');
    await performer.getByLabel('Date of birth').fill('1991-04-02');
    await performer.getByLabel('Stage names').fill('Ada Stage, Countess');
    await performer.getByLabel('ID type').selectOption('national_id');
    await performer.getByLabel('Issuing country').selectOption('GB');
    await performer.getByLabel('ID number').fill('GB 1234 5678 X');
    await performer
      .getByLabel('Front of the ID')
      .setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: noisyPng(640, 400, [230, 120, 200]) });
    await performer
      .getByLabel('Back of the ID')
      .setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: noisyPng(640, 400, [90, 200, 230]) });
    await performer
      .getByLabel('Selfie holding the ID')
      .setInputFiles({ name: 'selfie.png', mimeType: 'image/png', buffer: solidPng(320, 400, [200, 160, 120]) });
    await performer.getByRole('checkbox', { name: /I confirm these documents are mine/ }).check();

    // Slow the uplink so the progress bars have something to show (about 1 s per MB-ish file).
    const cdp = await performerContext.newCDPSession(performer);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    await performer.getByRole('button', { name: 'Submit for review' }).click();
    const front = performer.getByRole('progressbar', { name: 'Front of the ID upload' });
    await front.waitFor();
    // Part-way values are seen while the bytes stream out.
    await expect
      .poll(async () => Number(await front.getAttribute('aria-valuenow')), { timeout: 20_000, interval: 50 })
      .toBeGreaterThan(0);
    const seen = Number(await front.getAttribute('aria-valuenow'));
    expect(seen).toBeLessThan(100);
    await screenshot(performer, 'kyc-uploading');
    await performer.getByRole('heading', { name: /Status: In review/ }).waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await performer.getByText('number ending 678X').waitFor();
    await screenshot(performer, 'kyc-submitted');
  });

  step('lists the submission in the queue of an admin signed in on the local Access page', async () => {
    admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    adminProblems = watchConsole(admin);
    await admin.goto(`${origin}/admin/kyc`);
    await admin.waitForURL(/\/dev\/access/);
    await admin.getByRole('button', { name: 'Continue' }).click();
    await admin.waitForURL(`${origin}/admin/kyc`);
    const row = admin.getByRole('row').filter({ hasText: `@${account.handle}` });
    await row.waitFor();
    await row.getByText('National ID card, GB').waitFor();
    await screenshot(admin, 'kyc-admin-queue');
  });

  step('shows the admin the ID number and each document decrypted as an image, also on a phone', async () => {
    await admin.getByRole('button', { name: 'Open next' }).click();
    await admin.getByRole('heading', { name: `Verification of @${account.handle}` }).waitFor();
    await admin.getByText('GB 1234 5678 X').waitFor();
    await expect
      .poll(
        () =>
          admin
            .locator('.kyc-doc img')
            .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
        { timeout: 15_000 },
      )
      .toBe(3);
    await screenshot(admin, 'kyc-admin-document-viewer');
    await admin.setViewportSize({ width: 375, height: 812 });
    await screenshot(admin, 'kyc-admin-document-viewer-375');
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await admin.setViewportSize({ width: 1280, height: 900 });
  });

  step('lets the admin approve the performer', async () => {
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText(`Approved: @${account.handle} can go live.`).waitFor();
  });

  step('shows the performer the approval and lets them go live from the live panel', async () => {
    await confirmEmailInPage(performer, origin);
    await performer.reload();
    await performer.getByRole('heading', { name: /Status: Verified/ }).waitFor();
    await performer.getByRole('link', { name: 'Open the live panel' }).click();
    await performer.waitForURL(`${origin}/studio/live`);
    await performer.getByRole('textbox', { name: 'Show title' }).fill('First verified show');
    await performer.getByRole('button', { name: 'Go live' }).click();
    await performer.getByRole('heading', { name: 'Your show: First verified show' }).waitFor();
    await screenshot(performer, 'kyc-live-after-approval');
  });

  step('logs no console errors but the expected 403 on the performer’s or the admin’s page', async () => {
    expect(problems.filter((p) => !/403/.test(p))).toEqual([]);
    expect(adminProblems).toEqual([]);
  });
});
