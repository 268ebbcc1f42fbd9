import type { ComponentChildren } from 'preact';
import type { TipEvent } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';
import { DeviceStrip } from './lazy-device-strip.tsx';
import type { RoomConnection } from './room-connection.ts';

const count = new Intl.NumberFormat();

/** Words for the live region: what a screen reader hears when a tip lands. */
export function tipWords(tip: TipEvent): string {
  const who = tip.from ? tip.from.displayName : 'Someone';
  const note = tip.note && !tip.private ? `: “${tip.note}”` : '';
  const item = tip.menuItem ? ` for “${tip.menuItem}”` : '';
  return `${who} tipped ${count.format(tip.amount)} ${tip.amount === 1 ? 'token' : 'tokens'}${item}${note}`;
}

/**
 * The video area (media arrives in a later issue) with the tip bursts over it. The bursts are
 * decorative CSS animations; the same tips are announced in words in a polite live region.
 */
export function RoomStage({ room, name, video }: { room: RoomConnection; name: string; video?: ComponentChildren }) {
  const tips = room.tips.value;
  const newest = tips.at(-1);
  // The list also shows the tips from before the page joined (a reload keeps the recent tips).
  const listed = [...room.earlierTips.value.filter((t) => !tips.some((l) => l.id === t.id)), ...tips];
  return (
    <section class="room-stage" aria-label="Stream">
      <div class="room-video">
        {video ?? (
          <div class="room-video-idle">
            <Icon name="camera" class="room-video-icon" />
            {room.live.value ? (
              <p>
                <span class="room-live-badge">Live</span> {room.title.value}
                <span class="room-video-note">The picture arrives with the video release.</span>
              </p>
            ) : (
              <p>The stream starts here when {name} goes live</p>
            )}
          </div>
        )}
        <div class="tip-bursts" aria-hidden="true">
          {tips.slice(-4).map((tip) => (
            <div key={tip.id} class={`tip-burst tip-burst--${tip.tier}`}>
              <span class="tip-burst-coins">
                <span />
                <span />
                <span />
                <span />
                <span />
              </span>
              <span class="tip-burst-amount">+{count.format(tip.amount)}</span>
              <span class="tip-burst-name">{tip.from ? tip.from.displayName : 'Anonymous'}</span>
            </div>
          ))}
        </div>
      </div>
      <DeviceStrip room={room} />
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {newest ? tipWords(newest) : ''}
      </p>
      {listed.length > 0 && (
        <>
          <h2 class="visually-hidden">Recent tips</h2>
          <ul class="room-tips">
            {listed
              .slice(-5)
              .reverse()
              .map((tip) => (
                <li key={tip.id} class={`room-tip room-tip--${tip.tier}`}>
                  <Icon name="coin" />
                  {tipWords(tip)}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
