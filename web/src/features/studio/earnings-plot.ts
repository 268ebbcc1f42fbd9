// The earnings bar chart, drawn with uPlot. Only the Earnings page imports this module (dynamically),
// so uPlot and its stylesheet stay out of every other bundle.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { faceValue, formatTokens } from '../../lib/money.ts';

type Day = { day: string; tokens: number };

const DAY = 86_400;
const TEXT = '#aaa3c2';
const GRID = 'rgba(50, 44, 74, 0.9)';
const ACCENT = '#ff3d7f';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const dayFormat = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const tickFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' });

const heightFor = (width: number) => (width < 480 ? 200 : 260);

/**
 * Draws one bar per UTC day into `host`, sized to it, and redraws when it is resized.
 * Returns the function that takes the chart down.
 */
export function drawEarnings(host: HTMLElement, perDay: Day[]): () => void {
  const xs = perDay.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const ys = perDay.map((d) => d.tokens);
  const width = Math.max(240, Math.floor(host.clientWidth));
  const options: uPlot.Options = {
    width,
    height: heightFor(width),
    // The days are UTC days; label them as such, whatever the viewer's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    padding: [12, 8, 0, 0],
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: (_u, min, max) => [min - DAY / 2, max + DAY / 2] },
      y: { range: (_u, _min, max) => [0, Math.max(100, Math.ceil(max * 1.1))] },
    },
    axes: [
      {
        stroke: TEXT,
        font: FONT,
        grid: { show: false },
        ticks: { stroke: GRID },
        space: 56,
        values: (_u, splits) => splits.map((s) => tickFormat.format(new Date(s * 1000))),
      },
      {
        stroke: TEXT,
        font: FONT,
        size: 56,
        grid: { stroke: GRID, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((s) => formatTokens(s)),
      },
    ],
    series: [
      { label: 'Day', value: (_u, ts) => (ts == null ? '—' : dayFormat.format(new Date(ts * 1000))) },
      {
        label: 'Earned',
        stroke: ACCENT,
        width: 0,
        fill: 'rgba(255, 61, 127, 0.7)',
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.7, 36], gap: 1 }),
        value: (_u, v) => (v == null ? '—' : `${formatTokens(v)} tokens (${faceValue(v)})`),
      },
    ],
  };
  const plot = new uPlot(options, [xs, ys], host);

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
