import { useState } from 'preact/hooks';
import type { Figures } from '../../../../wire/admin-figures.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useLazyPlot } from '../../lib/hooks/use-lazy-plot.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { faceValue, formatCents, formatTokens } from '../../lib/money.ts';
import type { Line } from './figures-plot.ts';

const dayLabel = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** The dashboard's front page: platform figures now and today, and daily charts over 14 or 30 days. */
export function Overview() {
  const [days, setDays] = useState<14 | 30>(14);
  const [figures, reload] = useResource(() => client.admin.figures.$get({ query: { days: String(days) } }), [days]);
  return (
    <>
      <div class="admin-head">
        <h2 class="console-title">Platform figures</h2>
        <fieldset class="group segmented" aria-label="Chart period">
          {([14, 30] as const).map((n) => (
            <button
              key={n}
              type="button"
              class="button button--small"
              aria-pressed={days === n}
              onClick={() => setDays(n)}
            >
              {n} days
            </button>
          ))}
        </fieldset>
      </div>
      {figures.state === 'loading' && <Loading label="Counting…" />}
      {figures.state === 'failed' && <ErrorState error={figures.error} retry={reload} />}
      {figures.state === 'ready' && <FiguresView figures={figures.data} />}
    </>
  );
}

function FiguresView({ figures }: { figures: Figures }) {
  const { now, today, series } = figures;
  const stats: [string, string, string?][] = [
    ['Live rooms', formatTokens(now.liveRooms)],
    ['Viewers now', formatTokens(now.viewers)],
    // Tips paid out to performers (goal tips when released; refunded ones never): the fees beside it are
    // their platform share.
    ['Tips paid today', formatTokens(today.tips), `${formatTokens(today.tipTokens)} tokens, gross, after goal refunds`],
    ['Purchases today', formatTokens(today.purchases), formatCents(today.purchaseCents)],
    ['Fees today', formatTokens(today.feeTokens), faceValue(today.feeTokens)],
    [
      'Fan-club payments today',
      formatTokens(today.fanClubCharges),
      `${formatTokens(today.fanClubTokens)} tokens, gross`,
    ],
    ['Sign-ups today', formatTokens(today.signups)],
    ['KYC backlog', formatTokens(figures.kycBacklog), 'waiting for review'],
    ['Open reports', formatTokens(figures.openReports), 'in the queue'],
  ];
  const tokens = (n: number) => formatTokens(Math.round(n));
  return (
    <>
      <ul class="figure-grid" aria-label="Figures now and today (UTC)">
        {stats.map(([label, value, sub]) => (
          <li key={label} class="card figure">
            <p class="figure-label">{label}</p>
            <p class="figure-value">{value}</p>
            {sub && <p class="figure-sub muted">{sub}</p>}
          </li>
        ))}
      </ul>
      <div class="chart-grid">
        <Chart
          title="Tips paid (gross, after goal refunds) and fees per day (tokens)"
          days={series.days}
          lines={[
            { label: 'Tips', values: series.tipTokens, color: '#ff3d7f', format: tokens },
            { label: 'Fees', values: series.feeTokens, color: '#7c9cff', format: tokens },
          ]}
        />
        <Chart
          title="Purchases per day (US$)"
          days={series.days}
          lines={[
            {
              label: 'Purchases',
              values: series.purchaseCents,
              color: '#3ddc97',
              format: (n) => formatCents(Math.round(n)),
            },
          ]}
        />
        <Chart
          title="Sign-ups per day"
          days={series.days}
          lines={[{ label: 'Sign-ups', values: series.signups, color: '#ffb03d', format: tokens }]}
        />
      </div>
    </>
  );
}

/** A uPlot chart loaded on demand; the same figures sit in a visually hidden table for screen readers. */
function Chart({ title, days, lines }: { title: string; days: number[]; lines: Line[] }) {
  const signature = JSON.stringify([days, lines.map((l) => l.values)]);
  const { host, phase } = useLazyPlot(async () => {
    const { drawFigures } = await import('./figures-plot.ts');
    return (element) => drawFigures(element, days, lines);
  }, signature);
  return (
    <figure class="card admin-chart">
      <figcaption class="admin-chart-title">{title}</figcaption>
      {phase !== 'failed' && (
        <div aria-hidden="true" class="admin-chart-area">
          {phase === 'loading' && <div class="skeleton admin-chart-skeleton" />}
          <div ref={host} class="admin-chart-host" data-chart={title} />
        </div>
      )}
      {phase === 'failed' && <p class="muted">The chart did not load; here are the same figures.</p>}
      <div class={phase === 'failed' ? 'table-scroll' : 'visually-hidden'}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {lines.map((l) => (
                <th key={l.label} scope="col">
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}>
                <th scope="row">{dayLabel.format(new Date(d * 1000))}</th>
                {lines.map((l) => (
                  <td key={l.label}>{l.format(l.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
