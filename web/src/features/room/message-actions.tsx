import { useRef, useState } from 'preact/hooks';
import type { ChatMessage } from '../../../../wire/room.ts';
import { ReportDialog } from './lazy-report-dialog.tsx';
import { moderate } from './moderation/moderate.ts';
import type { RoomConnection } from './room-connection.ts';

/** Time-out lengths offered in the message menu. */
const TIMEOUTS = [
  { seconds: 60, label: '1 minute' },
  { seconds: 600, label: '10 minutes' },
  { seconds: 3600, label: '1 hour' },
];

/**
 * What you can do with someone else's message: report it (signed in), and, for the performer
 * and moderators, a menu to delete it or mute, time out or ban its author. Moderators get no
 * menu on the performer's or another moderator's message (the Room refuses those anyway).
 */
export function MessageActions({ room, message }: { room: RoomConnection; message: ChatMessage }) {
  const [reporting, setReporting] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const me = room.you.value;
  if (!me || me.handle === message.from.handle) return null;
  const staff = me.role === 'performer' || (me.role === 'moderator' && message.from.role === 'viewer');
  const who = message.from.displayName;
  const act = async (action: Parameters<typeof moderate>[1], done: string) => {
    if (menu.current) menu.current.open = false;
    await moderate(room, action, done);
  };
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
      {staff && (
        <details
          class="mod-menu"
          ref={menu}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menu.current) menu.current.open = false;
          }}
        >
          <summary class="message-action" aria-label={`Moderate ${who}`} title="Moderate">
            <span aria-hidden="true">⋯</span>
          </summary>
          <fieldset class="group mod-menu-items" aria-label={`Moderate ${who}`}>
            <button
              type="button"
              class="button button--small"
              onClick={() => act({ kind: 'delete', messageId: message.id }, 'Message deleted')}
            >
              Delete message
            </button>
            <button
              type="button"
              class="button button--small"
              onClick={() => act({ kind: 'mute', handle: message.from.handle }, `${who} is muted`)}
            >
              Mute
            </button>
            {TIMEOUTS.map((t) => (
              <button
                key={t.seconds}
                type="button"
                class="button button--small"
                onClick={() =>
                  act(
                    { kind: 'timeout', handle: message.from.handle, seconds: t.seconds },
                    `${who} is timed out for ${t.label}`,
                  )
                }
              >
                Time out {t.label}
              </button>
            ))}
            <button
              type="button"
              class="button button--small button--danger"
              onClick={() => act({ kind: 'ban', handle: message.from.handle }, `${who} is banned`)}
            >
              Ban from room
            </button>
          </fieldset>
        </details>
      )}
      {reporting && (
        <ReportDialog room={room} target={{ kind: 'message', message }} onClose={() => setReporting(false)} />
      )}
    </span>
  );
}
