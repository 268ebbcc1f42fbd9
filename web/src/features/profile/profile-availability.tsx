import type { ShowAvailability, ShowInProgress } from '../../../../wire/show-availability.ts';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens } from '../../lib/money.ts';
import '../../styles/show-reviews.css';

const IN_SHOW: Record<ShowInProgress, string> = {
  private: 'In private',
  group: 'Group show in progress',
  session: 'In a session',
};

/** "In private" / "Group show" / "In a session" while a paid show runs; nothing otherwise. */
export function ShowBadge({ show }: { show: ShowInProgress | null | undefined }) {
  return show ? <span class={`show-badge show-badge--${show}`}>{IN_SHOW[show]}</span> : null;
}

/** The performer's paid show availability as the profile shows it (the data shows-ui's Start a session reads). */
export function useShowAvailability(handle: string) {
  return useResource(
    () => client.performers[':handle'].availability.$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle],
  );
}

/** The profile's Paid shows card: in a show now, available for sessions (kinds and rates), private rate. */
export function ProfileAvailability({ handle }: { handle: string }) {
  const [answer] = useShowAvailability(handle);
  if (answer.state !== 'ready') return null;
  const a = answer.data;
  if (!a.inShow && !a.sessions && a.privateRate === null) return null;
  return (
    <section class="card show-availability" aria-labelledby="availability-title">
      <h2 id="availability-title">Paid shows</h2>
      <ShowBadge show={a.inShow} />
      {a.sessions && <Sessions a={a} sessions={a.sessions} />}
      {a.privateRate !== null && (
        <p class="muted">
          Private shows from the live room: {formatTokens(a.privateRate)} tokens a minute
          {a.minimumMinutes > 0 ? `, at least ${a.minimumMinutes} minutes` : ''}.
        </p>
      )}
    </section>
  );
}

function Sessions({ a, sessions }: { a: ShowAvailability; sessions: NonNullable<ShowAvailability['sessions']> }) {
  return (
    <>
      <p class="availability-line">
        <span class="available-dot" aria-hidden="true" />
        {a.sessionsOpen ? 'Available for sessions' : a.live ? 'Takes sessions when not live' : 'Takes sessions'}
      </p>
      <dl class="session-rates">
        <dt>Video</dt>
        <dd>{formatTokens(sessions.video)} tokens/min</dd>
        <dt>Voice only</dt>
        <dd>{formatTokens(sessions.voice)} tokens/min</dd>
        <dt>Chat only</dt>
        <dd>{formatTokens(sessions.chat)} tokens/min</dd>
      </dl>
    </>
  );
}
