import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { tokensText } from '../../lib/money.ts';
import { showKindLabel } from '../../lib/show-kinds.ts';
import { absoluteTime } from '../../lib/time.ts';
import '../../styles/show-reviews.css';

/** The earnings page's paid shows: each finished seat, its viewer unless anonymous, minutes and your share. */
export function ShowEarningsList() {
  const [answer, reload] = useResource(() => client.studio.shows.earnings.$get(), []);
  return (
    <section class="card show-earnings-card" aria-labelledby="show-earnings-title">
      <h2 id="show-earnings-title">Paid shows</h2>
      {answer.state === 'loading' && <Loading label="Loading your shows…" />}
      {answer.state === 'failed' && <ErrorState error={answer.error} retry={reload} title="Your shows did not load" />}
      {answer.state === 'ready' &&
        (answer.data.shows.length === 0 ? (
          <EmptyState title="No paid shows yet" icon="coin">
            <p>
              Private shows, group shows and sessions show here once they end. Set your rates in{' '}
              <a href="/studio/shows">Paid shows</a>.
            </p>
          </EmptyState>
        ) : (
          <>
            <p class="muted">
              {`Your share: ${tokensText(answer.data.last30Days)} in the last 30 days, `}
              {`${tokensText(answer.data.allTime)} all time.`}
            </p>
            <div class="table-scroll">
              <table class="data-table show-earnings-table">
                <caption class="visually-hidden">Your latest paid shows, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Viewer</th>
                    <th scope="col">Minutes</th>
                    <th scope="col">Earned</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.data.shows.map((s) => (
                    <tr key={`${s.showId}-${s.at}-${s.viewer?.handle ?? 'anonymous'}`}>
                      <th scope="row">
                        <time dateTime={s.at}>{absoluteTime(s.at)}</time>
                      </th>
                      <td>{showKindLabel(s.kind)}</td>
                      <td>{s.viewer ? `@${s.viewer.handle}` : 'Anonymous'}</td>
                      <td>{s.minutes}</td>
                      <td>{tokensText(s.earned)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}
