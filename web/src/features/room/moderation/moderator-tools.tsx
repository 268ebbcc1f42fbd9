import { useEffect, useState } from 'preact/hooks';
import type { RoomConnection } from '../room-connection.ts';
import type { ModerationPanel } from './moderation-panel.tsx';

/**
 * On the room page, for moderators: the same controls the performer has in the studio, folded away. The
 * panel's code is fetched only for a moderator, so viewers' cold load stays small (issue 18's budget).
 */
export function ModeratorTools({ room }: { room: RoomConnection }) {
  const moderator = room.you.value?.role === 'moderator';
  const [Panel, setPanel] = useState<typeof ModerationPanel | null>(null);
  useEffect(() => {
    if (moderator && !Panel) void import('./moderation-panel.tsx').then((m) => setPanel(() => m.ModerationPanel));
  }, [moderator]);
  if (!moderator) return null;
  return (
    <details class="moderator-tools card">
      <summary class="moderator-tools-title">Moderator tools</summary>
      {Panel ? <Panel room={room} /> : <p class="muted">Loading…</p>}
    </details>
  );
}
