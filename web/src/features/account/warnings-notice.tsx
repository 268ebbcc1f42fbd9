import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { absoluteTime } from '../../lib/time.ts';

/** Warnings the Encore team sent after a report; shown only when there are some. */
export function WarningsNotice() {
  const [warnings] = useResource(() => client.me.warnings.$get(), []);
  if (warnings.state !== 'ready' || warnings.data.warnings.length === 0) return null;
  return (
    <section class="card settings-section alert alert--error" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings from the Encore team</h2>
      <ul>
        {warnings.data.warnings.map((w) => (
          <li key={w.createdAt}>
            <p>{w.message}</p>
            <p class="muted">
              <time dateTime={w.createdAt}>{absoluteTime(w.createdAt)}</time>
            </p>
          </li>
        ))}
      </ul>
      <p class="muted">Repeated breaches of the community rules can lead to a suspension.</p>
    </section>
  );
}
