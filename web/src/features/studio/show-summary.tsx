import { useEffect, useRef } from 'preact/hooks';
import type { ShowSummary } from '../../../../wire/live.ts';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens } from '../../lib/money.ts';
import { absoluteTime } from '../../lib/time.ts';

/** "1 h 05 min", "12 min 09 s", "40 s". */
export function durationText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/**
 * The figures of the show that ended last: shown in the studio after End show (focused then, so the
 * performer hears it), and on the offline studio until the next show. Nothing before a first show.
 */
export function ShowSummaryCard({ focus }: { focus: boolean }) {
  const [answer] = useResource(() => client.studio.live.summary.$get(), []);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = answer.state === 'ready' ? answer.data.summary : null;
  useEffect(() => {
    if (focus && summary) heading.current?.focus();
  }, [summary !== null]);
  if (!summary) return null;
  return (
    <section class="card show-summary" aria-labelledby="show-summary-title">
      <h2 id="show-summary-title" tabIndex={-1} ref={heading}>
        {focus ? 'Show ended' : 'Your last show'}: {summary.title}
      </h2>
      <p class="muted show-summary-when">
        <time dateTime={summary.startedAt}>{absoluteTime(summary.startedAt)}</time> to{' '}
        <time dateTime={summary.endedAt}>{absoluteTime(summary.endedAt)}</time>
      </p>
      <SummaryFigures summary={summary} />
    </section>
  );
}

function SummaryFigures({ summary }: { summary: ShowSummary }) {
  const count = new Intl.NumberFormat();
  const figures: [string, string][] = [
    ['Duration', durationText(summary.durationSeconds)],
    ['Peak viewers', count.format(summary.peakViewers)],
    ['Tips', count.format(summary.tips)],
    ['Tokens', formatTokens(summary.tokens)],
    ['New followers', count.format(summary.newFollowers)],
  ];
  return (
    <dl class="studio-live-stats show-summary-figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
