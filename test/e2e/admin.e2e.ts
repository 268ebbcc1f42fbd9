import type { Page } from 'playwright-core';
import { afterAll, describe, expect } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();

/** A viewer's page says something in nova's room and reports it over the room socket, as the report button does. */
async function chatAndReport(page: Page, text: string): Promise<string> {
  return page.evaluate(async (line) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/rooms/nova/ws`);
    const answers: Record<string, unknown>[] = [];
    const waiting = new Map<string, (answer: Record<string, unknown>) => void>();
    ws.onmessage = (e) => {
      const answer = JSON.parse(e.data as string) as Record<string, unknown>;
      answers.push(answer);
      waiting.get(String(answer.type))?.(answer);
    };
    // The first answer of a type, already here or when it arrives.
    const next = (type: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const found = answers.find((a) => a.type === type);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no ${type}: ${JSON.stringify(answers)}`)), 10_000);
        waiting.set(type, (answer) => {
          clearTimeout(timer);
          waiting.delete(type);
          resolve(answer);
        });
      });
    await new Promise((resolve) => (ws.onopen = resolve));
    ws.send(JSON.stringify({ type: 'hello', version: 1 }));
    await next('welcome');
    ws.send(JSON.stringify({ type: 'chat.send', clientId: `chat_${Date.now()}`, text: line }));
    const chat = await next('chat.result');
    ws.send(
      JSON.stringify({
        type: 'report.send',
        clientId: `report_${Date.now()}`,
        target: 'message',
        messageId: chat.id,
        reason: 'spam',
        text: 'Posting scam links all night',
      }),
    );
    const report = await next('report.result');
    ws.close();
    return String(report.reportId);
  }, text);
}

describe('the admin dashboard, in Chromium', () => {
  describe('figures, reports and the audit log', () => {
    // One story on shared pages: Sam reports a message in Nova's live room; the admin works the queue.
    const step = storySteps();
    let origin: string;
    let performer: Page;
    let admin: Page;
    let problems: string[] = [];
    afterAll(async () => {
      await performer?.evaluate(() => fetch('/api/studio/live', { method: 'DELETE' }));
    });

    step('takes a viewer’s report of a message in a live room', async () => {
      origin = run.stack().origin;
      performer = await (await run.browser().newContext()).newPage();
      await logInAsDemoPerformer(performer, origin);
      const live = await performer.evaluate(
        async () =>
          (
            await fetch('/api/studio/live', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ title: 'Admin e2e show' }),
            })
          ).status,
      );
      expect(live).toBe(200);
      const viewer = await (await run.browser().newContext()).newPage();
      await signUpInPage(viewer, origin, 'Viewer', 'Spammy Sam');
      await viewer.waitForURL(`${origin}/`);
      await chatAndReport(viewer, 'cheap tokens at scam.example, DM me');
    });

    step('signs the admin in through the local Access page onto the figures, charted, also over 30 days', async () => {
      admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      problems = watchConsole(admin);
      await admin.goto(`${origin}/admin`);
      await admin.waitForURL(/\/dev\/access/);
      await admin.getByRole('button', { name: 'Continue' }).click();
      await admin.waitForURL(`${origin}/admin`);
      await admin.getByRole('heading', { name: 'Platform figures' }).waitFor();
      await admin.getByText('Live rooms').waitFor();
      await expect.poll(() => admin.locator('.admin-chart .uplot canvas').count(), { timeout: 15_000 }).toBe(3);
      await admin.getByRole('button', { name: '30 days' }).click();
      await expect.poll(() => admin.locator('.admin-chart .uplot canvas').count(), { timeout: 15_000 }).toBe(3);
      await screenshot(admin, 'admin-figures');
    });

    step('shows the report in the queue with its due time and evidence, and deletes the message', async () => {
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Reports' }).click();
      await admin.waitForURL(`${origin}/admin/reports`);
      const card = admin.getByRole('article').filter({ hasText: 'cheap tokens at scam.example' }).first();
      await card.waitFor();
      await card.getByText(/^Due /).waitFor();
      await card.getByText(/Evidence: \d+ chat lines?/).click();
      await screenshot(admin, 'admin-reports-queue');
      await card.getByLabel('Action').selectOption('delete_message');
      await card.getByLabel('Note for the record').fill('Scam link in chat');
      await card.getByRole('button', { name: 'Delete the message' }).click();
      await card.getByText(/message deleted: Scam link in chat/).waitFor();
      await screenshot(admin, 'admin-reports-actioned');
    });

    step('records the action in the audit log', async () => {
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
      await admin.getByLabel('Action (starts with)').fill('report.');
      await admin.getByRole('button', { name: 'Filter' }).click();
      await admin.getByRole('cell', { name: 'report.delete_message' }).first().waitFor();
      await screenshot(admin, 'admin-audit-log');
    });

    step('reads and works the reports queue and the figures on a phone', async () => {
      await admin.setViewportSize({ width: 375, height: 800 });
      await admin.goto(`${origin}/admin/reports?status=all`);
      await admin.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
      await admin.getByRole('button', { name: 'All' }).click();
      await admin.getByRole('article').first().waitFor();
      await screenshot(admin, 'admin-reports-375');
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Overview' }).click();
      await expect.poll(() => admin.locator('.admin-chart .uplot canvas').count(), { timeout: 15_000 }).toBe(3);
      await screenshot(admin, 'admin-figures-375');
    });

    step('logs no console errors on the admin’s page', async () => {
      expect(problems).toEqual([]);
    });
  });

  describe('blocked regions, a user’s wallet and suspension, the ledger check', () => {
    // One story on shared pages: Nova blocks regions during a show; the admin looks after Wendy and the ledger.
    const step = storySteps();
    let origin: string;
    let performer: Page;
    let admin: Page;
    let problems: string[] = [];

    step('lets the performer block a country and a region from the studio', async () => {
      origin = run.stack().origin;
      performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      problems = watchConsole(performer);
      await logInAsDemoPerformer(performer, origin);
      await performer.evaluate(() =>
        fetch('/api/studio/live', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: 'Geo e2e show' }),
        }),
      );
      await performer
        .getByRole('navigation', { name: 'Studio' })
        .getByRole('link', { name: 'Blocked regions' })
        .click();
      await performer.getByRole('heading', { name: 'Blocked regions' }).waitFor();
      await performer.getByLabel('Country').selectOption('DE');
      await performer.getByRole('button', { name: 'Add', exact: true }).click();
      await performer.getByLabel('Country').selectOption('US');
      await performer.getByLabel('Region code (optional)').fill('TX');
      await performer.getByRole('button', { name: 'Add', exact: true }).click();
      await performer.getByRole('button', { name: 'Save blocked regions' }).click();
      await performer.getByRole('status').getByText('Saved').waitFor();
      await screenshot(performer, 'studio-blocked-regions');
    });

    step('hides the room from a viewer connecting from a blocked country, not from one elsewhere', async () => {
      const german = await run.browser().newContext({ extraHTTPHeaders: { 'X-Encore-Test-Country': 'DE' } });
      const french = await run.browser().newContext({ extraHTTPHeaders: { 'X-Encore-Test-Country': 'FR' } });
      const [de, fr] = [await german.newPage(), await french.newPage()];
      await fr.goto(`${origin}/`);
      await fr.locator('.live-card', { hasText: 'Geo e2e show' }).waitFor();
      await de.goto(`${origin}/`);
      await de.getByRole('heading').first().waitFor();
      await de.waitForLoadState('networkidle');
      expect(await de.locator('.live-card', { hasText: 'Geo e2e show' }).count()).toBe(0);
    });

    step('lets the performer unblock the regions again', async () => {
      await performer.getByRole('button', { name: /^Unblock Germany/ }).click();
      await performer.getByRole('button', { name: /^Unblock United States/ }).click();
      await performer.getByRole('button', { name: 'Save blocked regions' }).click();
      await performer.getByRole('status').getByText('Saved').waitFor();
      await performer.evaluate(() => fetch('/api/studio/live', { method: 'DELETE' }));
    });

    step('lets an admin find a viewer, give tokens with a reason and suspend them', async () => {
      const viewer = await (await run.browser().newContext()).newPage();
      const account = await signUpInPage(viewer, origin, 'Viewer', 'Warned Wendy');
      await viewer.waitForURL(`${origin}/`);
      admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await admin.goto(`${origin}/admin/users`);
      await admin.getByRole('button', { name: 'Continue' }).click();
      await admin.waitForURL(`${origin}/admin/users`);
      await admin.getByLabel('Email or handle starts with').fill(account.handle);
      await admin.getByRole('button', { name: 'Search' }).click();
      await admin.getByRole('button', { name: new RegExp(`@${account.handle}`) }).click();
      await admin.getByRole('heading', { name: /Warned Wendy/ }).waitFor();
      await admin.getByLabel('Adjust tokens (negative takes back)').fill('150');
      await admin.getByLabel('Reason', { exact: true }).fill('Sorry for the outage');
      await admin.getByRole('button', { name: 'Adjust wallet' }).click();
      await admin.getByText('Adjusted: the wallet now holds 150 tokens').waitFor();
      await admin.getByRole('cell', { name: 'Adjustment: Sorry for the outage' }).waitFor();
      await admin.getByLabel('Reason (kept in the audit log)').fill('Spam after warnings');
      await admin.getByRole('button', { name: 'Suspend and sign out' }).click();
      await admin.getByText(/Account suspended/).waitFor();
      await screenshot(admin, 'admin-user-profile');
    });

    step('runs the ledger check to Ledger OK and opens the payouts page', async () => {
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Ledger check' }).click();
      await admin.getByRole('button', { name: 'Run the check' }).click();
      await admin.getByRole('table').getByText('Ledger OK').waitFor();
      await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Payouts' }).click();
      await admin.getByRole('heading', { name: 'Payouts', exact: true }).waitFor();
      await screenshot(admin, 'admin-payouts');
    });

    step('logs no console errors on the performer’s page', async () => {
      expect(problems).toEqual([]);
    });
  });
});
