// The fan club's monthly chart, drawn with uPlot. Only the Fan club page imports this module (dynamically),
// so uPlot and its stylesheet stay out of every other bundle.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FanClubMonth } from '../../../../wire/fan-club.ts';
import { formatTokens } from '../../lib/money.ts';

const MONTH = 30 * 86_400;
const TEXT = '#aaa3c2';
const GRID = 'rgba(50, 44, 74, 0.9)';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const monthFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', year: 'numeric' });
const tickFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short' });

const heightFor = (width: number) => (width < 480 ? 220 : 280);

/** One point per UTC month: people on the left axis, tokens (bars) on the right. Returns the take-down. */
export function drawFanClub(host: HTMLElement, months: FanClubMonth[]): () => void {
  const xs = months.map((m) => Date.parse(`${m.month}-01T00:00:00Z`) / 1000);
  const width = Math.max(240, Math.floor(host.clientWidth));
  const people = (label: string, stroke: string, dash?: number[]) => ({
    label,
    stroke,
    width: 2,
    scale: 'people',
    ...(dash ? { dash } : {}),
    points: { show: true, size: 6 },
    value: (_u: uPlot, v: number | null) => (v == null ? '—' : String(v)),
  });
  const options: uPlot.Options = {
    width,
    height: heightFor(width),
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    padding: [12, 8, 0, 0],
    cursor: { y: false, drag: { x: false, y: false } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: (_u, min, max) => [min - MONTH / 2, max + MONTH / 2] },
      people: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] },
      tokens: { range: (_u, _min, max) => [0, Math.max(100, Math.ceil(max * 1.15))] },
    },
    axes: [
      {
        stroke: TEXT,
        font: FONT,
        grid: { show: false },
        ticks: { stroke: GRID },
        space: 48,
        values: (_u, splits) => splits.map((s) => tickFormat.format(new Date(s * 1000))),
      },
      { scale: 'people', stroke: TEXT, font: FONT, size: 40, grid: { stroke: GRID, width: 1 }, ticks: { show: false } },
      {
        scale: 'tokens',
        side: 1,
        stroke: TEXT,
        font: FONT,
        size: 56,
        grid: { show: false },
        ticks: { show: false },
        values: (_u, splits) => splits.map((s) => formatTokens(s)),
      },
    ],
    series: [
      { label: 'Month', value: (_u, ts) => (ts == null ? '—' : monthFormat.format(new Date(ts * 1000))) },
      {
        label: 'Recurring tokens',
        scale: 'tokens',
        stroke: 'rgba(255, 61, 127, 0.5)',
        width: 0,
        fill: 'rgba(255, 61, 127, 0.35)',
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.6, 48], gap: 1 }),
        value: (_u, v) => (v == null ? '—' : `${formatTokens(v)} tokens`),
      },
      people('Members', '#ffc94a'),
      people('Joins', '#5ee0a0'),
      people('Lapses', '#9d78ff', [6, 4]),
    ],
  };
  const data: uPlot.AlignedData = [
    xs,
    months.map((m) => m.recurringTokens),
    months.map((m) => m.members),
    months.map((m) => m.joins),
    months.map((m) => m.lapses),
  ];
  const plot = new uPlot(options, data, host);

  let frame = 0;
  const observer = new ResizeObserver((entries) => {
    const next = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (next <= 0 || next === plot.width) return;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => plot.setSize({ width: next, height: heightFor(next) }));
  });
  observer.observe(host);
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
    plot.destroy();
  };
}
