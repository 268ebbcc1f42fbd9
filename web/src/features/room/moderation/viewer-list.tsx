import type { RoomConnection } from '../room-connection.ts';
import { useRoomAnswer } from './use-room-answer.ts';

const ROLE_WORDS = { performer: 'Performer', moderator: 'Mod', viewer: '' } as const;

/** Who is watching: each signed-in person once, and how many guests. Refreshed every few seconds. */
export function ViewerList({ room }: { room: RoomConnection }) {
  const [viewers] = useRoomAnswer(room, 'mod.viewers');
  return (
    <section class="card studio-panel" aria-labelledby="viewers-title">
      <h2 id="viewers-title">In the room</h2>
      {viewers.state === 'loading' && (
        <p class="muted" role="status">
          Loading who is here…
        </p>
      )}
      {viewers.state === 'failed' && (
        <p class="field-error" role="alert">
          {viewers.message}
        </p>
      )}
      {viewers.state === 'ready' && (
        <>
          <p class="muted">
            {viewers.data.people.length} signed in · {viewers.data.anonymous}{' '}
            {viewers.data.anonymous === 1 ? 'guest' : 'guests'}
          </p>
          <ul class="people-list">
            {viewers.data.people.map((p) => (
              <li key={p.handle}>
                <span class="people-name">{p.displayName}</span> <span class="muted">@{p.handle}</span>
                {ROLE_WORDS[p.role] && (
                  <span class={`badge chat-badge chat-badge--${p.role}`}>{ROLE_WORDS[p.role]}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
