import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import type { RoomConnection } from './room-connection.ts';

const part = lazyPart(() => import('./room-leaderboard.tsx'));

/** The Top tippers tab, its code fetched when the tab is first opened (issue 18's budget). */
export function RoomLeaderboard({ room }: { room: RoomConnection }) {
  const loaded = useLazyPart(part);
  if (loaded) return <loaded.RoomLeaderboard room={room} />;
  return (
    <p class="muted room-tab-empty" aria-busy="true">
      Loading the top tippers…
    </p>
  );
}
