import { readTopTippers, topTippersQuery } from '../money/earnings.ts';
import { earningsSeries } from '../money/earnings-series.ts';
import type { McpCaller } from './scopes.ts';

const DAY = 86_400_000;

/** Last week, Monday to Sunday (UTC), before the week of `now`. */
export function lastWeek(now: number): { from: number; to: number } {
  const today = Math.floor(now / DAY) * DAY;
  // 1970-01-01 was a Thursday: days since a Monday are (days + 3) % 7.
  const monday = today - ((today / DAY + 3) % 7) * DAY;
  return { from: monday - 7 * DAY, to: monday };
}

/**
 * What the "Weekly report" prompt embeds: last week's earnings by day and kind, its best day (shows are not
 * kept one by one, so the best day stands in for the best show) and its top supporters, anonymous ones unnamed.
 */
export async function weeklyFigures(env: Env, caller: McpCaller, now = Date.now()) {
  const week = lastWeek(now);
  const performerId = caller.performer.userId;
  const [points, tippers] = await Promise.all([
    earningsSeries(env.DB, performerId, { by: 'day', ...week }),
    topTippersQuery(env.DB, performerId, week.from, 5, week.to).all<Record<string, number | string>>(),
  ]);
  const byDay = new Map<string, number>();
  const byKind = new Map<string, number>();
  for (const p of points) {
    byDay.set(p.period, (byDay.get(p.period) ?? 0) + p.tokens);
    byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.tokens);
  }
  const days = Array.from({ length: 7 }, (_, i) => {
    const day = new Date(week.from + i * DAY).toISOString().slice(0, 10);
    return { day, tokens: byDay.get(day) ?? 0 };
  });
  const best = days.reduce((a, b) => (b.tokens > a.tokens ? b : a));
  return {
    week: { from: days[0]?.day ?? '', to: days[6]?.day ?? '' },
    total: days.reduce((sum, d) => sum + d.tokens, 0),
    days,
    byKind: Object.fromEntries(byKind),
    bestDay: best.tokens > 0 ? best : null,
    topSupporters: readTopTippers(tippers),
  };
}

export function weeklyReportText(handle: string, figures: Awaited<ReturnType<typeof weeklyFigures>>): string {
  return [
    `Write a short weekly report for @${handle}, a performer on Encore, about the week ` +
      `${figures.week.from} to ${figures.week.to} (UTC).`,
    'Figures are earned tokens, the performer’s share after the platform fee (1 token = 1 US cent).',
    'Cover: total earnings and how they split by kind (tips, menu_tips, goal_tips, shows) and by day; the best ' +
      'show day; the top supporters, to thank by name (anonymous tippers are left out on purpose: never guess who ' +
      'they are). Then give three concrete suggestions from the data for next week (show days and times, tip ' +
      'menu, goals), each with the figure it rests on. Do not invent figures that are not below.',
    '',
    '```json',
    JSON.stringify(figures, null, 2),
    '```',
  ].join('\n');
}
