import { perMinute } from '../room/shows/show-words.ts';
import { useRoomConnection } from '../room/use-room-connection.ts';

/**
 * "Start a session" on the profile, while the performer is available for sessions and not live in public:
 * the video, voice and chat rates and the way to the session page. The offer comes from the performer's
 * Room (its snapshot carries it), so the profile shows what the Room will charge.
 */
export function SessionOffer({ handle, name }: { handle: string; name: string }) {
  const room = useRoomConnection(handle);
  const offer = room.shows.state.value.offer;
  if (!offer?.sessionsAvailable || room.live.value || room.lastSeq === undefined) return null;
  const { video, voice, chat } = offer.sessionRates;
  return (
    <section class="card session-offer" aria-labelledby="session-offer-title">
      <h2 id="session-offer-title">Sessions</h2>
      <p>{name} is available for one-to-one sessions now.</p>
      <ul class="session-rates">
        <li>Video · {perMinute(video)}</li>
        <li>Voice · {perMinute(voice)}</li>
        <li>Chat · {perMinute(chat)}</li>
      </ul>
      <a class="button button--primary" href={`/session/${handle}`}>
        Start a session
      </a>
    </section>
  );
}
