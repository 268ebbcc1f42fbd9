import type { RoomConnection } from '../room-connection.ts';
import { ModerationPanel } from './moderation-panel.tsx';

/** On the room page, for moderators: the same controls the performer has in the studio, folded away. */
export function ModeratorTools({ room }: { room: RoomConnection }) {
  if (room.you.value?.role !== 'moderator') return null;
  return (
    <details class="moderator-tools card">
      <summary class="moderator-tools-title">Moderator tools</summary>
      <ModerationPanel room={room} />
    </details>
  );
}
