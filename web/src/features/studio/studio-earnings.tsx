import type { EarningsResponse } from '../../../../wire/money.ts';
import { Avatar } from '../../components/avatar.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { faceValue, tokensText } from '../../lib/money.ts';
import { EarningsChart } from './earnings-chart.tsx';
import { PayoutPanel } from './payout-panel.tsx';
import '../../styles/earnings.css';

/**
 * The studio's Earnings section (the studio page sets the title): figures, the last 30 days, top tippers and
 * payouts.
 */
export default function Earnings() {
  const [answer, reload, replace] = useResource(() => client.studio.earnings.$get(), []);
  // After a payout request, refresh in place rather than flashing the whole page back to loading.
  const refresh = async () => replace(await call(client.studio.earnings.$get()));
  return (
    <>
      <h1 class="console-title">Earnings</h1>
      <p class="muted">Your share of every tip, after the platform fee, in tokens: 1 token is US$0.01.</p>
      {answer.state === 'loading' && <Loading label="Loading your earnings…" />}
      {answer.state === 'failed' && (
        <ErrorState error={answer.error} retry={reload} title="Your earnings did not load" />
      )}
      {answer.state === 'ready' && <EarningsView earnings={answer.data} onChange={refresh} />}
    </>
  );
}

function EarningsView({ earnings: e, onChange }: { earnings: EarningsResponse; onChange: () => Promise<void> }) {
  const figures: [label: string, tokens: number, hint?: string][] = [
    ['Today', e.today],
    ['Last 7 days', e.last7Days],
    ['Last 30 days', e.last30Days],
    ['All time', e.allTime],
    [
      'Song requests',
      e.requestsLast30Days,
      `Played requests, last 30 days (${tokensText(e.requestsAllTime)} all time)`,
    ],
    ['Fan club', e.fanClubLast30Days, `Memberships, last 30 days (${tokensText(e.fanClubAllTime)} all time)`],
    ['Pending', e.pending, `On hold for ${e.holdDays} ${e.holdDays === 1 ? 'day' : 'days'}`],
    ['Payable', e.payable, 'Ready to pay out'],
  ];
  return (
    <div class="earnings">
      <h2 class="visually-hidden">Totals</h2>
      <dl class="earnings-stats">
        {figures.map(([label, tokens, hint]) => (
          <div key={label} class={`card earnings-stat${label === 'Payable' ? ' earnings-stat--payable' : ''}`}>
            <dt>{label}</dt>
            <dd>
              <span class="earnings-stat-money">{faceValue(tokens)}</span>
              <span class="earnings-stat-tokens">{tokensText(tokens)}</span>
              {hint && <span class="earnings-stat-hint">{hint}</span>}
            </dd>
          </div>
        ))}
      </dl>

      <section class="card earnings-chart-card" aria-labelledby="chart-title">
        <h2 id="chart-title">Last 30 days</h2>
        <EarningsChart perDay={e.perDay} />
      </section>

      <div class="earnings-columns">
        <PayoutPanel earnings={e} onChange={onChange} />
        <section class="card tippers-card" aria-labelledby="tippers-title">
          <h2 id="tippers-title">Top tippers</h2>
          {e.topTippers.length === 0 ? (
            <EmptyState title="No tips yet" icon="heart">
              <p>Your biggest supporters will show here once viewers start tipping.</p>
            </EmptyState>
          ) : (
            <ol class="tipper-list">
              {e.topTippers.map((t, i) => (
                <li key={t.handle} class="tipper">
                  <span class="tipper-rank" aria-hidden="true">
                    {i + 1}
                  </span>
                  <Avatar name={t.displayName} url={null} size="sm" decorative />
                  <span class="tipper-who">
                    <span class="tipper-name">{t.displayName}</span>
                    <span class="tipper-handle">@{t.handle}</span>
                  </span>
                  <span class="tipper-amount">
                    <span>{tokensText(t.tokens)}</span>
                    <span class="muted">{faceValue(t.tokens)}</span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
