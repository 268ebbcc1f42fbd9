import type { RoomConnection } from './room-connection.ts';

/** Says when the room connection is (re)connecting, or why it cannot be joined; takes no space otherwise. */
export function ConnectionBanner({ room, place = '' }: { room: RoomConnection; place?: string }) {
  const fatal = room.fatal.value;
  const state = room.connection.value;
  const to = place ? ` to ${place}` : '';
  const text =
    fatal || (state === 'reconnecting' ? `Reconnecting${to}…` : state === 'connecting' ? `Connecting${to}…` : '');
  return (
    <p class={`room-banner${text ? '' : ' room-banner--hidden'}${fatal ? ' room-banner--error' : ''}`} role="status">
      {text && !fatal && <span class="spinner" aria-hidden="true" />}
      {text}
    </p>
  );
}
