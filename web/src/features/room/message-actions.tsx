import { useState } from 'preact/hooks';
import type { ChatMessage } from '../../../../wire/room.ts';
import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import { ReportDialog } from './lazy-report-dialog.tsx';
import type { RoomConnection } from './room-connection.ts';

// Only the performer and moderators get the menu, so only they fetch its code (issue 18's budget).
const modMenu = lazyPart(() => import('./mod-menu.tsx'));

/**
 * What you can do with someone else's message: report it (signed in), and, for the performer
 * and moderators, a menu to delete it or mute, time out or ban its author. Moderators get no
 * menu on the performer's or another moderator's message (the Room refuses those anyway).
 */
export function MessageActions({ room, message }: { room: RoomConnection; message: ChatMessage }) {
  const [reporting, setReporting] = useState(false);
  const me = room.you.value;
  if (!me || me.handle === message.from.handle) return null;
  const staff = me.role === 'performer' || (me.role === 'moderator' && message.from.role === 'viewer');
  const who = message.from.displayName;
  return (
    <span class="message-actions">
      <button
        type="button"
        class="message-action"
        aria-label={`Report ${who}’s message`}
        title="Report"
        onClick={() => setReporting(true)}
      >
        <span aria-hidden="true">⚑</span>
      </button>
      {staff && <StaffMenu room={room} message={message} />}
      {reporting && (
        <ReportDialog room={room} target={{ kind: 'message', message }} onClose={() => setReporting(false)} />
      )}
    </span>
  );
}

/** The moderation menu; until its code arrives, its button in place (disabled), so the line does not shift. */
function StaffMenu(props: { room: RoomConnection; message: ChatMessage }) {
  const loaded = useLazyPart(modMenu);
  if (loaded) return <loaded.ModMenu {...props} />;
  return (
    <button type="button" class="message-action" disabled aria-label={`Moderate ${props.message.from.displayName}`}>
      <span aria-hidden="true">⋯</span>
    </button>
  );
}
