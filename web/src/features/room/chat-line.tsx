import type { ComponentChildren } from 'preact';
import type { ChatMessage, RoomRole } from '../../../../wire/room.ts';
import { FanClubBadge } from '../fan-club/fan-club-badge.tsx';
import { KingMark } from './chat-tip-line.tsx';
import { chatParts } from './emotes.ts';

const BADGES: Partial<Record<RoomRole, string>> = { performer: 'Performer', moderator: 'Mod' };
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** One chat message: name, role badge, text with emotes as emoji and mentions highlighted. */
export function ChatLine({
  message,
  me,
  actions,
  king = false,
}: {
  message: ChatMessage;
  me: string | undefined;
  actions?: ComponentChildren;
  /** The sender is the king of the room (top tipper of the last 12 hours): a crown beside the name. */
  king?: boolean;
}) {
  const badge = BADGES[message.from.role];
  const mentionsMe = me !== undefined && message.mentions.includes(me.toLowerCase());
  return (
    <li class={`chat-line${mentionsMe ? ' chat-line--mentions-me' : ''}`}>
      <time class="chat-time" dateTime={new Date(message.at).toISOString()}>
        {clock.format(message.at)}
      </time>{' '}
      {badge && <span class={`badge chat-badge chat-badge--${message.from.role}`}>{badge}</span>}{' '}
      {message.from.fanClub && <FanClubBadge />}
      {message.from.fanClub && ' '}
      <span class="chat-name">
        {message.from.displayName}
        {king && <KingMark />}
      </span>
      <span class="visually-hidden"> says</span>
      <span aria-hidden="true">: </span>
      <span class="chat-text">
        {chatParts(message.text, message.mentions).map((part, i) => {
          if (part.kind === 'text') return part.text;
          if (part.kind === 'emote')
            return (
              <span key={i} class="chat-emote" role="img" aria-label={part.code} title={`:${part.code}:`}>
                {part.emoji}
              </span>
            );
          return (
            <mark key={i} class={`chat-mention${part.handle === me?.toLowerCase() ? ' chat-mention--me' : ''}`}>
              {part.text}
            </mark>
          );
        })}
      </span>
      {actions}
    </li>
  );
}
