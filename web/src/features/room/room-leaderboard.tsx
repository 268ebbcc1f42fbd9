import type { RoomConnection } from './room-connection.ts';

const count = new Intl.NumberFormat();

/** Top tippers of this show and the king of the room (top tipper of the last 12 hours). */
export function RoomLeaderboard({ room }: { room: RoomConnection }) {
  const { show, king } = room.leaderboard.value;
  if (show.length === 0 && !king) return null;
  return (
    <section class="room-leaderboard" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Top tippers</h2>
      {king && (
        <p class="room-king">
          <Crown /> <strong>{king.displayName}</strong> is king of the room with {count.format(king.tokens)} tokens
        </p>
      )}
      {show.length > 0 && (
        <ol class="room-leaders">
          {show.map((tipper) => (
            <li key={tipper.handle}>
              <span class="room-leader-name">{tipper.displayName}</span>
              <span class="room-leader-tokens">{count.format(tipper.tokens)} tokens</span>
            </li>
          ))}
        </ol>
      )}
      <p class="room-leaders-note muted">Tokens tipped (king: last 12 hours; list: this show), after goal refunds.</p>
    </section>
  );
}

/** Drawn, not an emoji: not every device has an emoji font (headless Chromium here has none). */
function Crown() {
  return (
    <svg class="room-crown" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M3 18h18l-1.5-10-4.5 4-3-6-3 6-4.5-4z" fill="currentColor" />
    </svg>
  );
}
