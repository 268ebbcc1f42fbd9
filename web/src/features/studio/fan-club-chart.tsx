import type { FanClubMonth } from '../../../../wire/fan-club.ts';
import { useLazyPlot } from '../../lib/hooks/use-lazy-plot.ts';
import { formatTokens } from '../../lib/money.ts';

const monthFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', year: 'numeric' });
export const monthLabel = (month: string) => {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
};

/**
 * Per month, oldest first: members, joins and lapses as lines and recurring tokens as bars (uPlot, loaded with
 * the chart). The canvas is hidden from assistive technology; the same figures are in a table that is visually
 * hidden (and shown instead if the chart cannot load).
 */
export function FanClubChart({ months }: { months: FanClubMonth[] }) {
  const signature = months.map((m) => `${m.month}:${m.members}:${m.joins}:${m.lapses}:${m.recurringTokens}`).join();
  const { host, phase } = useLazyPlot(async () => {
    const { drawFanClub } = await import('./fan-club-plot.ts');
    return (element) => drawFanClub(element, months);
  }, signature);
  return (
    <figure class="earnings-figure">
      <figcaption class="earnings-caption">
        Members, joins, lapses and recurring tokens per month (UTC), the last {months.length}{' '}
        {months.length === 1 ? 'month' : 'months'}.
      </figcaption>
      {phase !== 'failed' && (
        <div class="earnings-chart" aria-hidden="true">
          {phase === 'loading' && <div class="skeleton earnings-chart-skeleton" />}
          <div ref={host} class="earnings-chart-host fan-club-chart-host" />
        </div>
      )}
      {phase === 'failed' && <p class="muted">The chart did not load; here are the same figures.</p>}
      <div class={phase === 'failed' ? 'table-scroll' : 'visually-hidden'}>
        <table class="data-table">
          <caption class="visually-hidden">Fan club per month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Members</th>
              <th scope="col">Joins</th>
              <th scope="col">Lapses</th>
              <th scope="col">Recurring tokens</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month)}</th>
                <td>{m.members}</td>
                <td>{m.joins}</td>
                <td>{m.lapses}</td>
                <td>{formatTokens(m.recurringTokens)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
