import type { RoomConnection } from '../room/room-connection.ts';

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
          <span aria-hidden="true">👑</span> <strong>{king.displayName}</strong> is king of the room with {count.format(king.tokens)} tokens
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
    </section>
  );
}
