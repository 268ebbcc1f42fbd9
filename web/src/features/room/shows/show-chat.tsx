import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SHOW_CHAT_MAX_CHARS } from '../../../../../wire/show-limits.ts';
import type { RoomConnection } from '../room-connection.ts';
import { useShowAct } from './show-panel.tsx';

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * The show's own chat: private, the performer and the paying viewer; group, everyone in it reads and the
 * participants write. Shown only to people in the show (a spy watches without it).
 */
export function ShowChat({ room, performer = false }: { room: RoomConnection; performer?: boolean }) {
  const { current, mine } = room.shows.state.value;
  const lines = room.shows.chat.value;
  const [text, setText] = useState('');
  const { act, busy, problem } = useShowAct(room);
  const list = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = list.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [lines]);
  if (current?.phase !== 'running') return null;
  const seated = mine !== null && mine.role !== 'spy' && mine.role !== 'reserved';
  if (!performer && !seated && current.kind !== 'group') return null;
  const canWrite = performer || seated;
  const title = current.kind === 'group' ? 'Group show chat' : 'Private chat';
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || message.length > SHOW_CHAT_MAX_CHARS) return;
    setText('');
    const outcome = await act('show.chat', { showId: current.id, text: message });
    if (!outcome.ok) setText((now) => now || message);
  };
  return (
    <section class="card show-chat" aria-labelledby="show-chat-title">
      <h2 id="show-chat-title" class="room-panel-title">
        {title}
      </h2>
      <div
        class="chat-scroll show-chat-scroll"
        ref={list}
        role="log"
        aria-label={`${title} messages`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
      >
        {lines.length === 0 ? (
          <p class="muted chat-empty">No messages yet.</p>
        ) : (
          <ol class="chat-list">
            {lines.map((m) => (
              <li key={m.id} class="chat-line">
                <time class="chat-time" dateTime={new Date(m.at).toISOString()}>
                  {clock.format(m.at)}
                </time>{' '}
                {m.performer && <span class="badge chat-badge chat-badge--performer">Performer</span>}{' '}
                <span class="chat-name">{m.from ? m.from.displayName : 'Anonymous'}</span>
                <span aria-hidden="true">: </span>
                <span class="chat-text">{m.text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {canWrite ? (
        <form class="chat-form" onSubmit={submit}>
          {problem && (
            <p class="field-error" role="alert">
              {problem}
            </p>
          )}
          <div class="chat-input-row">
            <label for="show-chat-input" class="visually-hidden">
              {title} message
            </label>
            <input
              id="show-chat-input"
              class="input"
              type="text"
              autocomplete="off"
              maxLength={SHOW_CHAT_MAX_CHARS}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <button type="submit" class="button button--primary" disabled={busy || !text.trim()}>
              Send
            </button>
          </div>
        </form>
      ) : (
        <p class="muted show-chat-note">Only participants can write here. Join the show to take part.</p>
      )}
    </section>
  );
}
