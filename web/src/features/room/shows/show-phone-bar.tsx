import { Icon } from '../../../components/icon.tsx';
import { useSheet } from '../../../lib/hooks/use-sheet.ts';
import { tokensText } from '../../../lib/money.ts';
import type { RoomConnection } from '../room-connection.ts';
import { ShowChat } from './show-chat.tsx';
import { ShowClock } from './show-clock.tsx';
import { LowBalance, ShowPanel, useShowAct } from './show-panel.tsx';
import { KIND_WORDS, perMinute } from './show-words.ts';

const count = new Intl.NumberFormat();

/** What the bar says when you hold no seat: the offer, your request, a show without you, what just happened. */
function stateWords(room: RoomConnection, name: string): string {
  const { offer, current, myRequest } = room.shows.state.value;
  if (room.shows.summary.value) return 'Show ended: see the summary';
  if (myRequest) return `Waiting for ${name} to accept`;
  if (room.shows.declined.value) return 'Your request was not accepted';
  if (current?.phase === 'announced') return 'Group show announced';
  if (current?.kind === 'group') return 'Group show in progress';
  if (current) return `${name} is in a private show`;
  return offer ? `Private show · ${perMinute(offer.privateRate)}` : 'Paid shows';
}

/**
 * Paid shows on a phone: one line under the tip bar (state, timer, tokens spent, End) and everything else,
 * the full panel and the private chat, in a sheet over the chat it opens, like the tip sheet. The public
 * chat keeps the rest of the screen.
 */
export function ShowPhoneBar({ room, signedIn, name }: { room: RoomConnection; signedIn: boolean; name: string }) {
  const { sheet, opener, shown, open, close } = useSheet('button, input, textarea, a');
  const { act, busy, problem } = useShowAct(room);
  const { current, mine } = room.shows.state.value;
  const seated = current?.phase === 'running' && mine && mine.role !== 'reserved' ? mine : null;
  const low = room.shows.lowBalance.value;

  return (
    <>
      <section class="show-bar" aria-label="Paid show">
        {seated && current ? (
          <p class="show-bar-state">
            <span class="room-live-badge">{seated.role === 'spy' ? 'Spying' : KIND_WORDS[current.kind]}</span>
            <ShowClock since={seated.joinedAt ?? current.startedAt ?? Date.now()} />
            <span class="show-bar-spent" data-testid="show-bar-spent">
              <span class="visually-hidden">Spent so far: {tokensText(seated.tally.tokens)}</span>
              <span aria-hidden="true">
                <Icon name="coin" /> {count.format(seated.tally.tokens)}
              </span>
            </span>
          </p>
        ) : (
          <p class="show-bar-state">
            <Icon name="lock" /> <span class="show-bar-words">{stateWords(room, name)}</span>
          </p>
        )}
        {seated && current && (
          <button
            type="button"
            class="button button--danger button--small"
            disabled={busy}
            onClick={() => act(seated.role === 'viewer' ? 'show.end' : 'show.leave', { showId: current.id })}
          >
            {seated.role === 'viewer' ? 'End' : 'Leave'}
          </button>
        )}
        <button
          type="button"
          class="button button--small show-bar-open"
          ref={opener}
          aria-expanded={shown}
          aria-controls="show-sheet"
          onClick={shown ? close : open}
        >
          {/* Beside the timer, spend and End there is room for an arrow only; its name says what it opens. */}
          {seated ? <span aria-hidden="true">{shown ? '▾' : '▴'}</span> : 'Open'}
          <span class="visually-hidden">{seated ? 'Details' : ''} paid show</span>
        </button>
        {low && seated && <LowBalance endsAt={low.endsAt} />}
        {problem && (
          <p class="field-error show-bar-problem" role="alert">
            {problem}
          </p>
        )}
      </section>
      <dialog ref={sheet} id="show-sheet" class="tip-sheet tip-sheet--phone show-sheet" aria-label="Paid show">
        <ShowPanel room={room} signedIn={signedIn} self={false} name={name} />
        <ShowChat room={room} />
        <button type="button" class="button button--ghost tip-sheet-close" onClick={close}>
          Close
        </button>
      </dialog>
    </>
  );
}
