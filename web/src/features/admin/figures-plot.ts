// The admin figures' line charts, drawn with uPlot. Only the admin overview imports this module
// (dynamically), so uPlot stays out of every other bundle.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const TEXT = '#aaa3c2';
const GRID = 'rgba(50, 44, 74, 0.9)';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const tickFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' });

export type Line = { label: string; values: number[]; color: string; format: (n: number) => string };

/** Draws one chart with a line per series over `days` (UTC midnights in seconds); returns the take-down. */
export function drawFigures(host: HTMLElement, days: number[], lines: Line[]): () => void {
  const width = Math.max(240, Math.floor(host.clientWidth));
  const options: uPlot.Options = {
    width,
    height: width < 480 ? 180 : 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    padding: [12, 8, 0, 0],
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.1))] } },
    axes: [
      {
        stroke: TEXT,
        font: FONT,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID },
        values: (_u, ticks) => ticks.map((t) => tickFormat.format(new Date(t * 1000))),
      },
      {
        stroke: TEXT,
        font: FONT,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID },
        size: 56,
        values: (_u, ticks) => ticks.map((t) => lines[0]?.format(t) ?? String(t)),
      },
    ],
    series: [
      { label: 'Day', value: (_u, v) => (v == null ? '' : tickFormat.format(new Date(v * 1000))) },
      ...lines.map((l) => ({
        label: l.label,
        stroke: l.color,
        width: 2,
        points: { size: 5 },
        value: (_u: uPlot, v: number | null) => (v == null ? '' : l.format(v)),
      })),
    ],
  };
  const chart = new uPlot(options, [days, ...lines.map((l) => l.values)], host);
  const resize = new ResizeObserver(() => {
    const w = Math.max(240, Math.floor(host.clientWidth));
    if (w !== chart.width) chart.setSize({ width: w, height: w < 480 ? 180 : 220 });
  });
  resize.observe(host);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}
