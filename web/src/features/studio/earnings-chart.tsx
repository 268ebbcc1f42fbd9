import type { EarningsResponse } from '../../../../wire/money.ts';
import { useLazyPlot } from '../../lib/hooks/use-lazy-plot.ts';
import { faceValue, formatTokens, tokensText } from '../../lib/money.ts';

type Day = EarningsResponse['perDay'][number];

const dayLabel = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const labelOf = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayLabel.format(date);
};

/**
 * Tokens earned per day as a bar chart. The canvas is hidden from assistive technology; the same
 * figures are in a table that is visually hidden (and shown instead if the chart cannot load).
 */
export function EarningsChart({ perDay }: { perDay: Day[] }) {
  const signature = perDay.map((d) => `${d.day}:${d.tokens}`).join(',');
  const total = perDay.reduce((sum, d) => sum + d.tokens, 0);
  const { host, phase } = useLazyPlot(async () => {
    const { drawEarnings } = await import('./earnings-plot.ts');
    return (element) => drawEarnings(element, perDay);
  }, signature);

  return (
    <figure class="earnings-figure">
      <figcaption class="earnings-caption">
        Tokens earned per day over the last {perDay.length} days (UTC): {tokensText(total)} in all, {faceValue(total)}.
        {total === 0 && ' No tips yet in this period.'}
      </figcaption>
      {phase !== 'failed' && (
        <div class="earnings-chart" aria-hidden="true">
          {phase === 'loading' && <div class="skeleton earnings-chart-skeleton" />}
          <div ref={host} class="earnings-chart-host" />
        </div>
      )}
      {phase === 'failed' && <p class="muted">The chart did not load; here are the same figures.</p>}
      <div class={phase === 'failed' ? 'table-scroll' : 'visually-hidden'}>
        <table class="data-table">
          <caption class="visually-hidden">Tokens earned per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Tokens</th>
              <th scope="col">Dollars</th>
            </tr>
          </thead>
          <tbody>
            {perDay.map((d) => (
              <tr key={d.day}>
                <th scope="row">{labelOf(d.day)}</th>
                <td>{formatTokens(d.tokens)}</td>
                <td>{faceValue(d.tokens)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
