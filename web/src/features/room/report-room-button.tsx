import { useState } from 'preact/hooks';
import { Icon } from '../../components/icon.tsx';
import { ReportDialog } from './lazy-report-dialog.tsx';
import type { RoomConnection } from './room-connection.ts';

/** "Report room" in the room's header, for signed-in viewers (not the performer). */
export function ReportRoomButton({ room, name }: { room: RoomConnection; name: string }) {
  const [open, setOpen] = useState(false);
  const me = room.you.value;
  if (!me || me.role === 'performer') return null;
  return (
    <>
      <button type="button" class="button button--small button--ghost room-report" onClick={() => setOpen(true)}>
        <Icon name="flag" /> Report room
      </button>
      {open && <ReportDialog room={room} target={{ kind: 'room', name }} onClose={() => setOpen(false)} />}
    </>
  );
}
