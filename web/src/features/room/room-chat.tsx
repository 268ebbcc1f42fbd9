import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CHAT_MAX_CHARS } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';
import { FanClubJoinLink } from '../fan-club/fan-club-badge.tsx';
import { ChatLine } from './chat-line.tsx';
import { ChatNotices } from './chat-notices.tsx';
import { useChatStream } from './chat-stream.ts';
import { ChatTipLine } from './chat-tip-line.tsx';
import { MessageActions } from './message-actions.tsx';
import { REASON_WORDS } from './reasons.ts';
import type { RoomConnection } from './room-connection.ts';

/** Close enough to the bottom to keep following new messages. */
const STICK_PX = 48;

export function RoomChat({ room, signedIn }: { room: RoomConnection; signedIn: boolean }) {
  const stream = useChatStream(room);
  const king = room.leaderboard.value.king?.handle;
  const list = useRef<HTMLDivElement>(null);
  const [stuck, setStuck] = useState(true);
  const [unseen, setUnseen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const me = room.you.value?.handle;

  // Follow new messages unless the reader scrolled up to read older ones.
  useLayoutEffect(() => {
    const box = list.current;
    if (!box) return;
    if (stuck) box.scrollTop = box.scrollHeight;
    else setUnseen(true);
  }, [stream]);

  const scrolled = () => {
    const box = list.current!;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
    setStuck(atBottom);
    if (atBottom) setUnseen(false);
  };
  const jump = () => {
    const box = list.current!;
    box.scrollTop = box.scrollHeight;
    setStuck(true);
    setUnseen(false);
  };

  const over = text.length > CHAT_MAX_CHARS;
  const submit = async (e: Event) => {
    e.preventDefault();
    const message = text.trim();
    if (!message || over) return;
    setText('');
    setProblem('');
    jump();
    const result = await room.send({ type: 'chat.send', clientId: crypto.randomUUID(), text: message });
    if (!result.ok) {
      // Slow mode says how long to wait; the Room's words have the number.
      setProblem(result.reason === 'SLOW_MODE' ? `${result.message}.` : REASON_WORDS[result.reason]);
      setText((now) => now || message);
    }
  };

  const next = `/login?next=${encodeURIComponent(location.pathname)}`;
  return (
    <section class="room-chat" aria-labelledby="chat-title">
      <h2 id="chat-title" class="room-panel-title">
        Chat
      </h2>
      <div
        class="chat-scroll"
        ref={list}
        onScroll={scrolled}
        role="log"
        aria-label="Chat messages"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
      >
        {stream.length === 0 ? (
          <p class="muted chat-empty">No messages yet. Say hello!</p>
        ) : (
          <ol class="chat-list">
            {stream.map((line) =>
              line.kind === 'tip' ? (
                <ChatTipLine key={`tip:${line.tip.id}`} tip={line.tip} king={king === line.tip.from?.handle} />
              ) : (
                <ChatLine
                  key={line.message.id}
                  message={line.message}
                  me={me}
                  king={king === line.message.from.handle}
                  actions={<MessageActions room={room} message={line.message} />}
                />
              ),
            )}
          </ol>
        )}
      </div>
      {unseen && !stuck && (
        <button type="button" class="button button--small chat-jump" onClick={jump}>
          New messages below
        </button>
      )}
      <ChatNotices room={room} />
      <form class="chat-form" onSubmit={submit}>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
            {problem === REASON_WORDS.FAN_CLUB_ONLY && <FanClubJoinLink />}
          </p>
        )}
        <div class="chat-input-row">
          <label for="chat-input" class="visually-hidden">
            Chat message
          </label>
          <input
            id="chat-input"
            class="input"
            type="text"
            autocomplete="off"
            enterkeyhint="send"
            value={text}
            disabled={!signedIn}
            // Short enough for a phone's input; the emote codes are in the title.
            placeholder={signedIn ? 'Say something…' : 'Log in to chat'}
            title="Emotes: :heart: :fire: :clap:"
            aria-invalid={over}
            aria-describedby="chat-count"
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="button button--primary" disabled={!signedIn || over || !text.trim()}>
            <Icon name="send" /> Send
          </button>
        </div>
        {signedIn ? (
          <p id="chat-count" class={`counter${over ? ' counter--over' : ''}`}>
            {text.length} / {CHAT_MAX_CHARS} characters
          </p>
        ) : (
          <p id="chat-count" class="chat-login">
            <a href={next}>Log in to chat</a>
          </p>
        )}
      </form>
    </section>
  );
}
