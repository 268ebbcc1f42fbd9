import { Avatar } from '../../components/avatar.tsx';
import { CompactTags } from '../../components/tag-list.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens } from '../../lib/money.ts';
import '../../styles/show-reviews.css';

/**
 * The directory's "Available for sessions": performers not live who take one-to-one sessions, with their
 * cheapest rate; shown only when there are some (the live list above is the page's main content).
 */
export function AvailableNow() {
  const [answer] = useResource(() => client.shows.available.$get(), []);
  if (answer.state !== 'ready' || answer.data.performers.length === 0) return null;
  return (
    <section class="section" aria-labelledby="available-title">
      <h2 id="available-title" class="section-title">
        <span class="available-dot" aria-hidden="true" /> Available for sessions
      </h2>
      <ul class="performer-grid">
        {answer.data.performers.map((p) => (
          <li key={p.handle} class="performer-card">
            <a href={`/@${p.handle}`} class="performer-card-link">
              <Avatar name={p.displayName} url={p.avatarUrl} size="lg" decorative />
              <span class="performer-card-name">{p.displayName}</span>
              <span class="performer-card-handle">@{p.handle}</span>
              <span class="availability-line">Available for sessions</span>
              <span class="muted">
                Video {formatTokens(p.sessions.video)} · voice {formatTokens(p.sessions.voice)} · chat{' '}
                {formatTokens(p.sessions.chat)} tokens/min
              </span>
              <CompactTags tags={p.tags} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
