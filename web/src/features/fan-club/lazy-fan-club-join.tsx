import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import { currentUser } from '../../lib/session.ts';
import '../../styles/fan-club.css';

const part = lazyPart(() => import('./fan-club-join.tsx'));

/**
 * The fan club's Join (or a member's line) on the room page, its code fetched after the page's first paint:
 * few visitors join, so the join form and its dialog stay out of the room's cold load (issue 18's budget).
 * Until it arrives it shows the same placeholder the panel shows while the club loads, so nothing moves.
 */
export function FanClubJoin({ handle }: { handle: string }) {
  const own = currentUser.value?.handle === handle;
  const loaded = useLazyPart(part, !own);
  if (own) return null;
  if (loaded) return <loaded.FanClubJoin handle={handle} />;
  return (
    <div class="fan-club-panel" aria-busy="true">
      <span class="skeleton fan-club-skeleton" />
      <span class="visually-hidden">Loading the fan club…</span>
    </div>
  );
}
