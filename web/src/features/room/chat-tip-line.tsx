import type { TipEvent } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';

const count = new Intl.NumberFormat();
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * A tip in the chat stream, the notice every cam site shows: highlighted, styled by its amount tier. An
 * anonymous tip says "Anonymous" and nothing else about the tipper; a private note is not shown.
 */
export function ChatTipLine({ tip, king }: { tip: TipEvent; king: boolean }) {
  return (
    <li class={`chat-line chat-tip chat-tip--${tip.tier}`}>
      <time class="chat-time" dateTime={new Date(tip.at).toISOString()}>
        {clock.format(tip.at)}
      </time>{' '}
      <Icon name="coin" class="chat-tip-icon" />{' '}
      <span class="chat-name">
        {tip.from ? tip.from.displayName : 'Anonymous'}
        {king && tip.from ? <KingMark /> : null}
      </span>{' '}
      tipped <strong class="chat-tip-amount">{count.format(tip.amount)}</strong> {tip.amount === 1 ? 'token' : 'tokens'}
      {tip.menuItem ? <> for “{tip.menuItem}”</> : null}
      {tip.note && !tip.private ? <span class="chat-tip-note">: “{tip.note}”</span> : null}
    </li>
  );
}

/** The king's crown beside a name: drawn (no emoji font needed), named for screen readers. */
export function KingMark() {
  return (
    <svg class="chat-crown" viewBox="0 0 24 24" width="16" height="16" role="img" aria-label="king of the room">
      <path d="M3 18h18l-1.5-10-4.5 4-3-6-3 6-4.5-4z" fill="currentColor" />
    </svg>
  );
}
