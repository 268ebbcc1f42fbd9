import { env } from 'cloudflare:workers';
import type { GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EarningsResponse, TopTipper } from '../../wire/money.ts';
import { database } from '../../workers/db/index.ts';
import { recentActivity } from '../../workers/mcp/activity.ts';
import { lastWeek } from '../../workers/mcp/weekly-report.ts';
import { goalHold, goalReleaseDraft, settlementKey } from '../../workers/money/goal-escrow.ts';
import { commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { newRoom, newViewer } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

const DAY = 86_400_000;

type Tipper = Awaited<ReturnType<typeof newViewer>>;

/** Commits a tip as the Room's group commit would, dated `at` (the ledger stamps entries with the clock). */
async function tipAt(
  at: number | null,
  tipper: Tipper,
  performerId: string,
  amount: number,
  extra: { menuItem?: string; anonymous?: boolean; escrow?: string } = {},
) {
  if (at !== null) vi.useFakeTimers({ toFake: ['Date'], now: at });
  try {
    const [outcome] = await commitTips(
      env.DB,
      [{ tipperId: tipper.userId, performerId, amount, idempotencyKey: `tip:${crypto.randomUUID()}`, ...extra }],
      30,
    );
    if (outcome?.status !== 'accepted') throw new Error('tip not accepted');
    return outcome.transactionId;
  } finally {
    vi.useRealTimers();
  }
}

async function performerWithApp(scopes: Parameters<typeof connectedApp>[1] = ['earnings:read', 'payouts:read']) {
  const room = await newRoom();
  const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, scopes);
  return { ...room, client };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('earnings tools', () => {
  it('give the studio earnings page’s own figures, with anonymous tippers unnamed', async () => {
    const { client, performer, performerId } = await performerWithApp();
    const shy = await newViewer(2_000);
    const loud = await newViewer(2_000);
    await tipAt(null, shy, performerId, 1_000, { anonymous: true });
    await tipAt(null, loud, performerId, 100);
    const studio = (await (await performer.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    const summary = await callOk<Record<string, unknown>>(client, 'earnings_summary');
    expect(summary).toMatchObject({
      today: studio.today,
      last7Days: studio.last7Days,
      last30Days: studio.last30Days,
      allTime: studio.allTime,
      pending: studio.pending,
      payable: studio.payable,
      topTippers: studio.topTippers,
    });
    expect(summary.today).toBe(770);
    const top = await callOk<{ topTippers: TopTipper[] }>(client, 'earnings_top_tippers', { days: 7 });
    expect(top.topTippers).toEqual([{ handle: loud.handle, displayName: loud.displayName, tokens: 70 }]);
    for (const answer of [summary, top]) expect(JSON.stringify(answer)).not.toContain(shy.handle);
  });

  it('split earnings by day, week and month and by kind: tips, menu tips, released goal tips', async () => {
    const { client, performerId } = await performerWithApp();
    const fan = await newViewer(10_000);
    const today = Math.floor(Date.now() / DAY) * DAY;
    const tenDaysAgo = today - 10 * DAY + 3_600_000;
    await tipAt(tenDaysAgo, fan, performerId, 1_000);
    await tipAt(null, fan, performerId, 100);
    await tipAt(null, fan, performerId, 200, { menuItem: 'm1' });
    const goalId = crypto.randomUUID();
    const held = await tipAt(null, fan, performerId, 400, { escrow: goalHold(goalId), menuItem: 'm2' });
    const heldTip = { tipId: held, tipperId: fan.userId, amount: 400 };
    await commit(env.DB, goalReleaseDraft({ goalId, performerId, tip: heldTip }, 30), settlementKey('release', held));

    type Series = { points: { period: string; kind: string; tokens: number }[] };
    const byDay = await callOk<Series>(client, 'earnings_series', { by: 'day' });
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    expect(byDay.points).toEqual([
      { period: day(tenDaysAgo), kind: 'tips', tokens: 700 },
      // A released goal tip that was a menu tip counts as a menu tip.
      { period: day(today), kind: 'menu_tips', tokens: 140 + 280 },
      { period: day(today), kind: 'tips', tokens: 70 },
    ]);
    const byMonth = await callOk<Series>(client, 'earnings_series', { by: 'month' });
    expect(byMonth.points.reduce((sum, p) => sum + p.tokens, 0)).toBe(1_190);
    expect(byMonth.points.every((p) => p.period.endsWith('-01'))).toBe(true);
    const byWeek = await callOk<Series>(client, 'earnings_series', { by: 'week' });
    for (const p of byWeek.points) expect(new Date(p.period).getUTCDay()).toBe(1);
    const window = await callOk<Series>(client, 'earnings_series', { by: 'day', from: day(today), to: day(today) });
    expect(window.points.map((p) => p.tokens)).toEqual([420, 70]);
  });

  it('names a released goal tip that was a plain tip a goal tip', async () => {
    const { client, performerId } = await performerWithApp();
    const fan = await newViewer(1_000);
    const goalId = crypto.randomUUID();
    const held = await tipAt(null, fan, performerId, 100, { escrow: goalHold(goalId) });
    const heldTip = { tipId: held, tipperId: fan.userId, amount: 100 };
    await commit(env.DB, goalReleaseDraft({ goalId, performerId, tip: heldTip }, 30), settlementKey('release', held));
    const { points } = await callOk<{ points: { kind: string; tokens: number }[] }>(client, 'earnings_series');
    expect(points).toEqual([expect.objectContaining({ kind: 'goal_tips', tokens: 70 })]);
  });

  it('refuse a window that ends before it starts, or is too long, as tool errors', async () => {
    const { client } = await performerWithApp();
    const backwards = await callRefused(client, 'earnings_series', { from: '2026-02-10', to: '2026-02-01' });
    expect(backwards.code).toBe('VALIDATION_FAILED');
    const long = await callRefused(client, 'earnings_series', { by: 'day', from: '2020-01-01', to: '2026-01-01' });
    expect(long.code).toBe('VALIDATION_FAILED');
    const malformed = await callRefused(client, 'earnings_series', { by: 'year', from: 'yesterday' });
    expect(malformed).toMatchObject({ code: 'VALIDATION_FAILED', fields: { by: expect.any(String) } });
  });

  it('give the payout status and history the studio shows', async () => {
    const { client, performer } = await performerWithApp();
    const studio = (await (await performer.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    const status = await callOk<Record<string, unknown>>(client, 'payouts_status');
    expect(status).toEqual({
      payable: studio.payable,
      pending: studio.pending,
      payoutMinimum: studio.payoutMinimum,
      payoutBlocker: studio.payoutBlocker,
      payoutAccount: studio.payoutAccount,
    });
    expect(status.payoutBlocker).toBe('KYC_NOT_APPROVED');
    expect(await callOk(client, 'payouts_history')).toEqual({ payouts: studio.payouts });
  });
});

describe('resources and the weekly report prompt', () => {
  it('are offered per scope', async () => {
    const room = await newRoom();
    const only = async (scopes: Parameters<typeof connectedApp>[1]) => {
      const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, scopes);
      const caps = client.getServerCapabilities();
      const resources = caps?.resources ? (await client.listResources()).resources.map((r) => r.uri) : [];
      const prompts = caps?.prompts ? (await client.listPrompts()).prompts.map((p) => p.name) : [];
      return { resources, prompts };
    };
    expect(await only(['room'])).toEqual({ resources: ['encore://room/state'], prompts: [] });
    expect(await only(['earnings:read'])).toEqual({
      resources: ['encore://earnings/summary'],
      prompts: ['weekly-report'],
    });
    expect(await only(['profile'])).toEqual({ resources: [], prompts: [] });
  });

  it('read the room state and the earnings summary as the tools give them, each read logged', async () => {
    const { client, performerId } = await performerWithApp(['room', 'earnings:read']);
    const read = async (uri: string) => {
      const result = (await client.readResource({ uri })) as ReadResourceResult;
      const [content] = result.contents;
      expect(content?.mimeType).toBe('application/json');
      return JSON.parse(content && 'text' in content ? content.text : 'null') as unknown;
    };
    expect(await read('encore://room/state')).toEqual(await callOk(client, 'room_state'));
    expect(await read('encore://earnings/summary')).toEqual(await callOk(client, 'earnings_summary'));
    const tools = (await recentActivity(database(env), performerId, { limit: 10 })).map((e) => e.tool);
    expect(tools).toContain('resource encore://room/state');
    expect(tools).toContain('resource encore://earnings/summary');
  });

  it('embeds last week’s earnings, best day and named top supporters in the weekly report', async () => {
    const { client, performerId } = await performerWithApp(['earnings:read']);
    const week = lastWeek(Date.now());
    const named = await newViewer(5_000);
    const shy = await newViewer(5_000);
    await tipAt(week.from + 2 * DAY + 3_600_000, named, performerId, 1_000);
    await tipAt(week.from + 4 * DAY + 3_600_000, named, performerId, 300);
    await tipAt(week.from + 4 * DAY + 7_200_000, shy, performerId, 2_000, { anonymous: true });
    // Outside the week: not in the report.
    await tipAt(week.from - DAY, named, performerId, 500);
    const prompt = (await client.getPrompt({ name: 'weekly-report' })) as GetPromptResult;
    const [message] = prompt.messages;
    const text = message?.content.type === 'text' ? message.content.text : '';
    const figures = JSON.parse(text.slice(text.indexOf('```json') + 7, text.lastIndexOf('```'))) as {
      total: number;
      bestDay: { day: string; tokens: number };
      topSupporters: TopTipper[];
    };
    expect(figures.total).toBe(700 + 210 + 1_400);
    expect(figures.bestDay).toEqual({ day: new Date(week.from + 4 * DAY).toISOString().slice(0, 10), tokens: 1_610 });
    expect(figures.topSupporters).toEqual([{ handle: named.handle, displayName: named.displayName, tokens: 910 }]);
    expect(text).not.toContain(shy.handle);
    expect(text).toMatch(/suggestions/);
  });
});
