import type { ChatMessage } from '../../../../wire/room.ts';
import { moderate } from './moderation/moderate.ts';
import { usePopoverMenu } from './popover-menu.ts';
import type { RoomConnection } from './room-connection.ts';

/** Time-out lengths offered in the message menu. */
const TIMEOUTS = [
  { seconds: 60, label: '1 minute' },
  { seconds: 600, label: '10 minutes' },
  { seconds: 3600, label: '1 hour' },
];

/**
 * The performer's and moderators' menu on a chat message: delete it, or mute, time out or ban its author.
 * It opens in the browser's top layer (a popover), so the chat's scrolling box cannot clip it; it closes
 * on Escape, a click elsewhere, or when the chat scrolls away from it.
 */
export function ModMenu({ room, message }: { room: RoomConnection; message: ChatMessage }) {
  const { id, menu, button, open, close, onKeyDown } = usePopoverMenu();
  const who = message.from.displayName;
  const act = async (action: Parameters<typeof moderate>[1], done: string) => {
    close();
    await moderate(room, action, done);
  };
  return (
    <>
      <button
        type="button"
        ref={button}
        class="message-action"
        aria-label={`Moderate ${who}`}
        aria-expanded={open}
        title="Moderate"
        popovertarget={id}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <fieldset
        ref={menu}
        id={id}
        popover="auto"
        class="group mod-menu-items"
        aria-label={`Moderate ${who}`}
        onKeyDown={onKeyDown}
      >
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
    </>
  );
}
