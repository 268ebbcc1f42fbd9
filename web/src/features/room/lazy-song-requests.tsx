import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import type { RoomConnection } from './room-connection.ts';

const part = lazyPart(() => import('./song-requests.tsx'));

/** The Songs tab's requests, fetched when the tab is first opened (issue 18's budget: most never open it). */
export function SongRequests(props: { room: RoomConnection; signedIn: boolean; self: boolean }) {
  const loaded = useLazyPart(part);
  if (loaded) return <loaded.SongRequests {...props} />;
  return (
    <p class="muted room-tab-empty" aria-busy="true">
      Loading the song requests…
    </p>
  );
}
