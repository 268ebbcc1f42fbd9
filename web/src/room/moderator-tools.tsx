import { ModerationPanel } from '../components/studio/moderation-panel.tsx';
import type { RoomConnection } from './room-connection.ts';

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
