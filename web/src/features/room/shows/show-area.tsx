import { lazyPart, useLazyPart } from '../../../lib/hooks/use-lazy-part.ts';
import type { RoomConnection } from '../room-connection.ts';
import '../../../styles/shows.css';
import '../../../styles/show-bar.css';

const part = lazyPart(() => import('./show-parts.ts'));

type Props = { room: RoomConnection; signedIn: boolean; self: boolean; name: string; phone: boolean };

/**
 * Whether the show panel has anything to say: an offer while live, a request, a show on now, or what just
 * happened (declined, the summary). The same cases ShowPanel renders; its code is fetched only then.
 */
export function showPanelWanted(room: RoomConnection, self: boolean): boolean {
  if (self) return false;
  const { offer, current, myRequest, mine } = room.shows.state.value;
  return Boolean(
    room.shows.summary.value ||
      room.shows.declined.value ||
      myRequest ||
      mine ||
      current ||
      (offer?.privateOn && room.live.value),
  );
}

/**
 * Paid shows on the room page: the panel and the show's private chat on a desktop; on a phone a one-line bar
 * (state, timer, spend, End) that opens them in a sheet, so the public chat keeps the screen. Their code
 * stays out of the room's cold load (issue 18's 50 KB); a placeholder of the panel's size holds the place.
 */
export function ShowArea({ room, signedIn, self, name, phone }: Props) {
  const wanted = showPanelWanted(room, self);
  const loaded = useLazyPart(part, wanted);
  if (!wanted) return null;
  if (!loaded)
    return phone ? (
      <div class="show-bar" aria-busy="true">
        <span class="skeleton show-bar-skeleton" />
        <span class="visually-hidden">Loading the paid shows…</span>
      </div>
    ) : (
      <section class="card show-panel" aria-busy="true" aria-labelledby="show-panel-loading-title">
        <h2 id="show-panel-loading-title" class="room-panel-title">
          Paid shows
        </h2>
        <span class="skeleton show-panel-skeleton" />
      </section>
    );
  if (phone) return <loaded.ShowPhoneBar room={room} signedIn={signedIn} name={name} />;
  return (
    <>
      <loaded.ShowPanel room={room} signedIn={signedIn} self={self} name={name} />
      <loaded.ShowChat room={room} />
    </>
  );
}
