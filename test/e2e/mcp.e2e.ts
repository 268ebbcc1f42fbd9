import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { codeFrom, connectMcpApp, McpApp } from '../../dev/mcp-app.ts';
import { expectNoSeriousA11y } from './axe.ts';
import { screenshot, watchConsole } from './chromium.ts';
import { useStackAndChromium } from './stack.ts';
import { storySteps } from './story.ts';

const run = useStackAndChromium();
const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };

/** Both sizes of the page as it stands, named for the screenshot folder. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize(LAPTOP);
  await screenshot(page, `${name}-1280`);
}

describe('an MCP client connects through OAuth and acts for the performer, in Chromium', () => {
  const step = storySteps();
  let origin: string;
  let page: Page;
  let problems: string[] = [];
  let client: Client;
  const app = new McpApp('Claude (e2e)');

  step('registers, sends the performer through login to the consent page, and connects once approved', async () => {
    origin = run.stack().origin;
    page = await (await run.browser().newContext({ viewport: LAPTOP })).newPage();
    problems = watchConsole(page);
    // The app's loopback callback: nothing listens there, so the test answers for it.
    await page.route(`${new URL(app.redirectUrl).origin}/**`, (route) => route.fulfill({ body: 'You can close this' }));
    client = await connectMcpApp(origin, app, async (authorizationUrl) => {
      await page.goto(authorizationUrl.href);
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel('Email').fill('performer@encore.local');
      await page.getByLabel('Password', { exact: true }).fill('encore-performer-demo');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Connect Claude (e2e) to Encore?' }).waitFor();
      await page.getByText(/a program on this computer/).waitFor();
      for (const scope of ['profile', 'room', 'moderation', 'earnings:read', 'payouts:read']) {
        expect(await page.getByRole('checkbox', { name: new RegExp(`^${scope}:`) }).isChecked()).toBe(true);
      }
      await expectNoSeriousA11y(page, 'the consent page');
      await shoot(page, 'mcp-consent');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.waitForURL(/127\.0\.0\.1:48123\/callback/);
      return codeFrom(page.url());
    });
    expect(app.tokens()?.refresh_token).toBeTruthy();
  });

  step('lists the tools with their annotations and calls them; the public API shows the change', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['profile_read', 'profile_update']));
    expect(tools.find((tool) => tool.name === 'profile_read')?.annotations?.readOnlyHint).toBe(true);
    const read = (await client.callTool({ name: 'profile_read', arguments: {} })) as CallToolResult;
    expect(read.structuredContent).toMatchObject({ profile: { handle: 'nova' } });
    const bio = `Set by my assistant at ${new Date().toISOString()}`;
    const update = (await client.callTool({ name: 'profile_update', arguments: { bio } })) as CallToolResult;
    expect(update.isError).not.toBe(true);
    const profile = (await (await fetch(`${origin}/api/performers/nova`)).json()) as { performer: { bio: string } };
    expect(profile.performer.bio).toBe(bio);
    // Malformed arguments come back as a tool error, not a failed request.
    const bad = (await client.callTool({
      name: 'profile_update',
      arguments: { tags: 'not a list' },
    })) as CallToolResult;
    expect(bad.isError).toBe(true);
  });

  step('changes the room through tools, and a viewer on the room socket sees it at once', async () => {
    const viewer = await (await run.browser().newContext({ viewport: LAPTOP })).newPage();
    await viewer.goto(`${origin}/terms`);
    // A guest's room socket, as the room page opens one: every frame kept for the checks below.
    await viewer.evaluate(async () => {
      const frames: string[] = [];
      (window as unknown as { frames_: string[] }).frames_ = frames;
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/rooms/nova/ws`);
      ws.onmessage = (e) => frames.push(String(e.data));
      await new Promise((resolve) => (ws.onopen = resolve));
      ws.send(JSON.stringify({ type: 'hello', version: 1 }));
    });
    const seen = (text: string) =>
      viewer.waitForFunction(
        (t) => (window as unknown as { frames_: string[] }).frames_.some((f) => f.includes(t)),
        text,
      );
    await seen('"type":"welcome"');
    const menu = (await client.callTool({
      name: 'menu_replace',
      arguments: { items: [{ label: 'Play my request', price: 40 }] },
    })) as CallToolResult;
    expect(menu.isError).not.toBe(true);
    await seen('Play my request');
    const goal = (await client.callTool({
      name: 'goal_set',
      arguments: { title: 'New lights', target: 500 },
    })) as CallToolResult;
    expect(goal.isError).not.toBe(true);
    await seen('New lights');
    await viewer.context().close();
  });

  step('shows the app in Connected apps, and after Revoke its next call is refused', async () => {
    await page.goto(`${origin}/studio/apps`);
    const item = page.getByRole('listitem').filter({ hasText: 'Claude (e2e)' });
    await item.getByText('May: profile, room, moderation, earnings:read, payouts:read').waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading, .page-loading'));
    await shoot(page, 'mcp-connected-apps');
    await item.getByRole('button', { name: 'Revoke Claude (e2e)' }).click();
    await page.getByText('Claude (e2e) is disconnected').waitFor();
    await page.getByText('No apps connected').waitFor();
    await expect(client.callTool({ name: 'profile_read', arguments: {} })).rejects.toThrow();
    expect(problems).toEqual([]);
  });
});
