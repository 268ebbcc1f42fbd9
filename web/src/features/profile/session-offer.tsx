import { useEffect, useState } from 'preact/hooks';
import { perMinute } from '../room/shows/show-words.ts';

/** What the profile needs of shows-account's `GET /api/performers/{handle}/availability`. */
type Availability = { sessionsOpen: boolean; sessions: { video: number; voice: number; chat: number } | null };

/**
 * "Start a session" on the profile while the performer is available, not live and not in a show: the three
 * rates and the way to the session page. Reads shows-account's availability route (with fetch until both
 * branches are merged; then the typed client); shows nothing when it is missing or says no.
 */
export function SessionOffer({ handle, name }: { handle: string; name: string }) {
  const [availability, setAvailability] = useState<Availability | null>(null);
  useEffect(() => {
    let gone = false;
    fetch(`/api/performers/${encodeURIComponent(handle)}/availability`)
      .then((r) => (r.ok ? (r.json() as Promise<Availability>) : null))
      .then((a) => !gone && setAvailability(a))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [handle]);
  const rates = availability?.sessions;
  if (!availability?.sessionsOpen || !rates) return null;
  return (
    <section class="card session-offer" aria-labelledby="session-offer-title">
      <h2 id="session-offer-title">Start a session</h2>
      <p>
        {name} is available now: video {perMinute(rates.video)}, voice {perMinute(rates.voice)}, chat{' '}
        {perMinute(rates.chat)}.
      </p>
      <a class="button button--primary" href={`/session/${handle}`}>
        Start a session
      </a>
    </section>
  );
}
