import { signal } from '@preact/signals';
import '../../styles/fan-club.css';

/**
 * Asks the page's join panel (fan-club-join.tsx) to open its dialog: the chat box's "Join" link sits far from
 * the panel, in another part of the room page.
 */
export const joinAsked = signal(0);

/** Beside a fan-club member's name in that performer's room chat. */
export function FanClubBadge() {
  return (
    <span class="badge chat-badge chat-badge--fan-club" title="Member of this performer’s fan club">
      <span aria-hidden="true">♥ </span>Fan club
    </span>
  );
}

/** After a fan-club-only refusal: the way in, in the chat box. */
export function FanClubJoinLink() {
  return (
    <>
      {' '}
      <button type="button" class="link-button" onClick={() => joinAsked.value++}>
        Join the fan club
      </button>
    </>
  );
}
