import type { PlayedTrack } from '../../../../wire/music.ts';
import type { RoomState } from './room-state.ts';

/** Tracks listed under the current one: the room page stays light, the Room keeps more. */
const SHOWN_RECENT = 3;

export function trackText(track: Pick<PlayedTrack, 'title' | 'artist'>): string {
  return track.artist ? `${track.title} — ${track.artist}` : track.title;
}

/** "requested by X" when the track played a request, unless the requester asked to stay anonymous. */
function requestedBy(track: PlayedTrack): string {
  if (!track.request) return '';
  return track.request.requester ? ` · requested by ${track.request.requester}` : ' · a request';
}

/** What is playing now in the room and the last few tracks; nothing at all until the DJ says. */
export function NowPlayingLine({ room }: { room: RoomState }) {
  const { current, recent } = room.nowPlaying.value;
  if (!current && recent.length === 0) return null;
  const earlier = recent.slice(0, SHOWN_RECENT);
  return (
    <section class="card now-playing" aria-labelledby="now-playing-title">
      <h2 id="now-playing-title" class="room-panel-title">
        <span aria-hidden="true">♪</span> Now playing
      </h2>
      <p class="now-playing-current" aria-live="polite" aria-atomic="true">
        {current ? (
          <>
            <strong>{current.title}</strong>
            {current.artist && <span> — {current.artist}</span>}
            <span class="muted">{requestedBy(current)}</span>
          </>
        ) : (
          <span class="muted">Nothing right now</span>
        )}
      </p>
      {earlier.length > 0 && (
        <>
          <h3 class="visually-hidden">Played before</h3>
          <ol class="now-playing-recent muted">
            {earlier.map((track) => (
              <li key={`${track.at}:${track.title}`}>
                {trackText(track)}
                {requestedBy(track)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
