import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DEMO } from '../../dev/seed.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/**
 * The D1 rows a finished private show leaves, written into the stack's own database (the Room writes them
 * in a real show; its flow has its own end-to-end test, test/e2e/shows.e2e.ts): what the review, the
 * profile and the earnings page read here.
 */
function finishedShow(stateDir: string, viewerId: string, minutes: number, tokens: number): string {
  const id = crypto.randomUUID();
  const ended = Date.now() - 60_000;
  const started = ended - minutes * 60_000;
  const nova = DEMO.performer.id;
  const sql = `insert into shows (id, performer_id, kind, rate, title, started_at, ended_at, end_reason, minutes,
        tokens)
      values ('${id}', '${nova}', 'private', 45, '', ${started}, ${ended}, 'viewer', ${minutes}, ${tokens});
    insert into show_participants (show_id, user_id, performer_id, role, kind, rate, anonymous, started_at,
        ended_at, end_reason, minutes, tokens)
      values ('${id}', '${viewerId}', '${nova}', 'viewer', 'private', 45, 0, ${started}, ${ended}, 'viewer',
        ${minutes}, ${tokens});`;
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--command', sql], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdio: 'pipe',
  });
  return id;
}

const both = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 800 });
};

describe('paid show settings, reviews and earnings on the local stack, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let nova: Page;
  let viewer: Page;
  let viewerHandle: string;
  let showId: string;
  let problems: string[] = [];

  step('the studio’s Paid shows page refuses a rate out of range by its field, then saves', async () => {
    origin = run.stack().origin;
    nova = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    problems = watchConsole(nova);
    await logInAsDemoPerformer(nova, origin);
    await nova.getByRole('link', { name: 'Paid shows' }).click();
    await nova.getByRole('heading', { name: 'Paid shows', level: 1 }).waitFor();
    await nova.getByRole('switch', { name: 'Accept private shows' }).check();
    await nova.getByLabel('Private rate (tokens a minute)').fill('5');
    await nova.getByRole('switch', { name: 'Available for sessions' }).check();
    await nova.getByRole('button', { name: 'Save show settings' }).click();
    await nova.getByRole('alert').getByText('Private rate (tokens a minute): At least 6 tokens a minute').waitFor();
    expect(await nova.getByLabel('Private rate (tokens a minute)').getAttribute('aria-invalid')).toBe('true');
    await both(nova, 'show-settings-error');

    await nova.getByLabel('Private rate (tokens a minute)').fill('45');
    await nova.getByLabel('Video session rate').fill('80');
    await nova.getByRole('button', { name: 'Save show settings' }).click();
    await nova.getByText('Show settings saved').waitFor();
    await nova.reload();
    expect(await nova.getByLabel('Private rate (tokens a minute)').inputValue()).toBe('45');
    expect(await nova.getByRole('switch', { name: 'Available for sessions' }).isChecked()).toBe(true);
    await both(nova, 'show-settings');
  });

  step('the paying viewer rates the show, and the profile shows the rating and availability', async () => {
    viewer = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const account = await signUpInPage(viewer, origin, 'Viewer', 'Rae Reviewer');
    viewerHandle = account.handle;
    await viewer.waitForURL((url) => url.pathname !== '/signup');
    const me = await viewer.evaluate(async () => (await (await fetch('/api/me')).json()) as { user: { id: string } });
    showId = finishedShow(run.stack().stateDir, me.user.id, 4, 180);
    const status = await viewer.evaluate(
      async ([id, body]) =>
        (
          await fetch(`/api/shows/${id}/review`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).status,
      [showId, JSON.stringify({ stars: 5, comment: 'Warm, funny and worth every minute.' })] as const,
    );
    expect(status).toBe(201);

    await viewer.goto(`${origin}/@nova`);
    const reviews = viewer.getByRole('region', { name: 'Show reviews' });
    await reviews.getByText('Warm, funny and worth every minute.').waitFor();
    await reviews.getByRole('img', { name: 'Rated 5 out of 5' }).waitFor();
    await viewer.getByText('Available for sessions').waitFor();
    await both(viewer, 'profile-reviews');
  });

  step('another viewer reports the review into the admin queue', async () => {
    const reporter = await (await run.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signUpInPage(reporter, origin, 'Viewer', 'Rob Reporter');
    await reporter.waitForURL((url) => url.pathname !== '/signup');
    await reporter.goto(`${origin}/@nova`);
    const reviews = reporter.getByRole('region', { name: 'Show reviews' });
    await reviews.getByRole('button', { name: 'Report' }).click();
    await reviews.getByLabel('Why are you reporting this review?').selectOption('spam');
    await reviews.getByRole('button', { name: 'Send report' }).click();
    await reviews.getByText('Reported. Thank you').waitFor();
  });

  step('the performer’s earnings list the show with the viewer, minutes and their share', async () => {
    await nova.goto(`${origin}/studio/earnings`);
    const table = nova.getByRole('table', { name: 'Your latest paid shows, newest first' });
    const row = table.getByRole('row').filter({ hasText: `@${viewerHandle}` });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Private show',
      `@${viewerHandle}`,
      '4',
      '126 tokens',
    ]);
    await both(nova, 'earnings-shows');
  });

  step('logs no console errors on the performer’s pages', async () => {
    expect(problems).toEqual([]);
  });
});
