import { useState } from 'preact/hooks';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { absoluteTime } from '../../lib/time.ts';

const SEEN = 'encore.studio.warnings-seen';

function seenUntil(): string {
  try {
    return localStorage.getItem(SEEN) ?? '';
  } catch {
    return '';
  }
}

/**
 * The Encore team's warnings as a banner across the studio, every section: the performer may never open
 * Settings, where the full list is. A warning stays until acknowledged on this device; a newer one
 * brings the banner back.
 */
export function StudioWarnings() {
  const [warnings] = useResource(() => client.me.warnings.$get(), []);
  const [seen, setSeen] = useState(seenUntil);
  if (warnings.state !== 'ready') return null;
  // ISO times compare as text.
  const fresh = warnings.data.warnings.filter((w) => w.createdAt > seen);
  const latest =
    fresh
      .map((w) => w.createdAt)
      .sort()
      .at(-1) ?? '';
  if (fresh.length === 0) return null;
  const acknowledge = () => {
    try {
      localStorage.setItem(SEEN, latest);
    } catch {
      // Not remembered; hidden on this page only.
    }
    setSeen(latest);
  };
  return (
    <section class="alert alert--error studio-warnings" aria-labelledby="studio-warnings-title">
      <h2 id="studio-warnings-title" class="alert-title">
        {fresh.length === 1 ? 'A warning from the Encore team' : `${fresh.length} warnings from the Encore team`}
      </h2>
      <ul>
        {fresh.map((w) => (
          <li key={w.createdAt}>
            {w.message}{' '}
            <time class="muted" dateTime={w.createdAt}>
              ({absoluteTime(w.createdAt)})
            </time>
          </li>
        ))}
      </ul>
      <p class="button-row">
        <button type="button" class="button button--small" onClick={acknowledge}>
          I understand
        </button>
        <a href="/settings/account">All warnings in Settings</a>
      </p>
    </section>
  );
}
