import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchConsole } from './chromium.ts';
import { logInAsDemoPerformer, signUpInPage, useStackAndChromium } from './stack.ts';

const run = useStackAndChromium();

/** A viewer's page says something in nova's room and reports it over the room socket, as the report button does. */
async function chatAndReport(page: Page, text: string): Promise<string> {
  return page.evaluate(async (line) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/rooms/nova/ws`);
    const answers: Record<string, unknown>[] = [];
    const next = (type: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type}: ${JSON.stringify(answers)}`)), 10_000);
        const look = () => {
          const found = answers.find((a) => a.type === type);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else setTimeout(look, 50);
        };
        look();
      });
    ws.onmessage = (e) => answers.push(JSON.parse(e.data as string) as Record<string, unknown>);
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
  it('signs in through Access, shows the figures with charts, and works the reports queue', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;

    // The demo performer goes live; a new viewer says something and reports it.
    const performer = await (await run.browser().newContext()).newPage();
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

    // The admin signs in on the local Access page and lands on the overview.
    const admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems = watchConsole(admin);
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

    // The reports queue: the report with its evidence and clock; delete the message.
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

    // The action is in the audit log.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
    await admin.getByLabel('Action (starts with)').fill('report.');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.getByRole('cell', { name: 'report.delete_message' }).first().waitFor();
    await screenshot(admin, 'admin-audit-log');

    // On a phone the queue still reads and works.
    await admin.setViewportSize({ width: 375, height: 800 });
    await admin.goto(`${origin}/admin/reports?status=all`);
    await admin.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'All' }).click();
    await admin.getByRole('article').first().waitFor();
    await screenshot(admin, 'admin-reports-375');
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => admin.locator('.admin-chart .uplot canvas').count(), { timeout: 15_000 }).toBe(3);
    await screenshot(admin, 'admin-figures-375');
    expect(problems).toEqual([]);
    await performer.evaluate(() => fetch('/api/studio/live', { method: 'DELETE' }));
  });

  it('blocks a country from the studio; an admin adjusts a wallet, suspends the user and runs the ledger check', {
    timeout: 150_000,
  }, async () => {
    const origin = run.stack().origin;
    const performer = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems = watchConsole(performer);
    await logInAsDemoPerformer(performer, origin);
    await performer.evaluate(() =>
      fetch('/api/studio/live', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Geo e2e show' }),
      }),
    );
    await performer.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Blocked regions' }).click();
    await performer.getByRole('heading', { name: 'Blocked regions' }).waitFor();
    await performer.getByLabel('Country').selectOption('DE');
    await performer.getByRole('button', { name: 'Add', exact: true }).click();
    await performer.getByLabel('Country').selectOption('US');
    await performer.getByLabel('Region code (optional)').fill('TX');
    await performer.getByRole('button', { name: 'Add', exact: true }).click();
    await performer.getByRole('button', { name: 'Save blocked regions' }).click();
    await performer.getByRole('status').getByText('Saved').waitFor();
    await screenshot(performer, 'studio-blocked-regions');

    // A viewer whose connection comes from Germany does not see the room; one from France does.
    const german = await run.browser().newContext({ extraHTTPHeaders: { 'X-Encore-Test-Country': 'DE' } });
    const french = await run.browser().newContext({ extraHTTPHeaders: { 'X-Encore-Test-Country': 'FR' } });
    const [de, fr] = [await german.newPage(), await french.newPage()];
    await fr.goto(`${origin}/`);
    await fr.locator('.live-card', { hasText: 'Geo e2e show' }).waitFor();
    await de.goto(`${origin}/`);
    await de.getByRole('heading').first().waitFor();
    await de.waitForLoadState('networkidle');
    expect(await de.locator('.live-card', { hasText: 'Geo e2e show' }).count()).toBe(0);
    await performer.getByRole('button', { name: /^Unblock Germany/ }).click();
    await performer.getByRole('button', { name: /^Unblock United States/ }).click();
    await performer.getByRole('button', { name: 'Save blocked regions' }).click();
    await performer.getByRole('status').getByText('Saved').waitFor();
    await performer.evaluate(() => fetch('/api/studio/live', { method: 'DELETE' }));

    // An admin finds a viewer, gives tokens with a reason, then suspends them.
    const viewer = await (await run.browser().newContext()).newPage();
    const account = await signUpInPage(viewer, origin, 'Viewer', 'Warned Wendy');
    await viewer.waitForURL(`${origin}/`);
    const admin = await (await run.browser().newContext({ viewport: { width: 1280, height: 900 } })).newPage();
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
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Ledger check' }).click();
    await admin.getByRole('button', { name: 'Run the check' }).click();
    await admin.getByRole('table').getByText('Ledger OK').waitFor();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Payouts' }).click();
    await admin.getByRole('heading', { name: 'Payouts', exact: true }).waitFor();
    await screenshot(admin, 'admin-payouts');
    expect(problems).toEqual([]);
  });
});
