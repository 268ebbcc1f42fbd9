import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TipEvent } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';
import { tokensText } from '../../lib/money.ts';
import type { RoomConnection } from './room-connection.ts';

/** How many tips the performer's feed keeps; the room itself keeps only the last few. */
const FEED_SIZE = 50;
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Words for the performer's live region: private notes included, since only the performer hears them. */
export function tipAlertWords(tip: TipEvent): string {
  const who = tip.from ? tip.from.displayName : 'Anonymous';
  const note = tip.note ? `${tip.private ? ', private note' : ''}: “${tip.note}”` : '';
  const item = tip.menuItem ? ` for “${tip.menuItem}”` : '';
  return `${who} tipped ${tokensText(tip.amount)}${item}${note}`;
}

/**
 * The studio's tip alerts, newest first: amount, tier styling, tipper (or Anonymous) and the note,
 * a private one marked as such. Each new tip is also announced politely in words.
 */
export function TipFeed({ room, tools }: { room: RoomConnection; tools?: ComponentChildren }) {
  // Tips from before the page joined (after a reload, say) come first, then those seen live.
  const tips = [...room.earlierTips.value, ...room.tips.value];
  const [feed, setFeed] = useState<readonly TipEvent[]>([]);
  // The room's list is short and newest last; keep a longer one here, each tip once, newest first.
  useEffect(() => {
    setFeed((shown) => {
      const known = new Set(shown.map((t) => t.id));
      const fresh = tips.filter((t) => !known.has(t.id)).reverse();
      return fresh.length === 0 ? shown : [...fresh, ...shown].slice(0, FEED_SIZE);
    });
  }, [room.earlierTips.value, room.tips.value]);
  const newest = feed[0];

  return (
    <section class="card tip-feed" aria-labelledby="tip-feed-title">
      <h2 id="tip-feed-title" class="room-panel-title">
        <Icon name="coin" /> Tip alerts
      </h2>
      {tools}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {newest ? tipAlertWords(newest) : ''}
      </p>
      {feed.length === 0 ? (
        <p class="muted tip-feed-empty">No tips yet this show. They appear here the moment they land.</p>
      ) : (
        <ol class="tip-feed-list">
          {feed.map((tip) => (
            <li key={tip.id} class={`tip-alert tip-alert--${tip.tier}`}>
              <p class="tip-alert-head">
                <strong class="tip-alert-amount">{tokensText(tip.amount)}</strong>
                <span class="tip-alert-from">
                  <span class="visually-hidden">from </span>
                  {tip.from ? tip.from.displayName : 'Anonymous'}
                </span>
                <time class="tip-alert-time" dateTime={new Date(tip.at).toISOString()}>
                  {clock.format(tip.at)}
                </time>
              </p>
              {tip.menuItem && <p class="tip-alert-item">for “{tip.menuItem}”</p>}
              {tip.note && (
                <p class={`tip-alert-note${tip.private ? ' tip-alert-note--private' : ''}`}>
                  {tip.private && (
                    <span class="badge tip-alert-private">
                      <Icon name="lock" /> Private
                    </span>
                  )}{' '}
                  <span class="tip-alert-text">{tip.note}</span>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
