import { useState } from 'preact/hooks';
import {
  type ChatModeChange,
  type ChatModes,
  FILTER_WORDS_MAX,
  type ModerationAction,
  type ModerationPanel as Panel,
} from '../../../../../wire/moderation.ts';
import type { RoomConnection } from '../room-connection.ts';
import { moderate } from './moderate.ts';
import { ModerationLogList } from './moderation-log-list.tsx';
import { useRoomAnswer } from './use-room-answer.ts';
import { ViewerList } from './viewer-list.tsx';

const SLOW_CHOICES = [0, 5, 10, 30, 60, 120, 300];
const until = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * The studio's moderation controls over the room connection: chat modes, moderators, banned and
 * muted people, the room's word list, clearing the chat, who is here and the moderation log.
 * The performer sees everything; a moderator sees what they may use.
 */
export function ModerationPanel({ room }: { room: RoomConnection }) {
  const [panel, refresh] = useRoomAnswer(room, 'mod.panel');
  const performer = room.you.value?.role === 'performer';
  const act = async (action: ModerationAction, done: string) => {
    const ok = await moderate(room, action, done);
    refresh();
    return ok;
  };
  return (
    <div class="moderation-panel">
      <ChatModesCard modes={room.modes.value} act={act} />
      {panel.state === 'loading' && (
        <p class="muted" role="status">
          Loading moderation…
        </p>
      )}
      {panel.state === 'failed' && (
        <p class="field-error" role="alert">
          {panel.message}
        </p>
      )}
      {panel.state === 'ready' && (
        <>
          <ModeratorsCard panel={panel.data} performer={performer} act={act} />
          <RestrictionsCard panel={panel.data} act={act} />
          {performer && <WordsCard key={panel.data.words.join('\n')} words={panel.data.words} act={act} />}
        </>
      )}
      <ClearChatCard act={act} />
      <ViewerList room={room} />
      <section class="card studio-panel" aria-labelledby="mod-log-title">
        <h2 id="mod-log-title">Moderation log</h2>
        {panel.state === 'ready' && <ModerationLogList log={panel.data.log} />}
      </section>
    </div>
  );
}

type Act = (action: ModerationAction, done: string) => Promise<boolean>;

function ChatModesCard({ modes, act }: { modes: ChatModes; act: Act }) {
  const set = (change: ChatModeChange, done: string) => act({ kind: 'modes', modes: change }, done);
  return (
    <section class="card studio-panel" aria-labelledby="modes-title">
      <h2 id="modes-title">Chat modes</h2>
      <p class="muted">You and your moderators are exempt.</p>
      <div class="field">
        <label for="slow-mode">Slow mode</label>
        <select
          id="slow-mode"
          class="input"
          value={String(modes.slowSeconds)}
          onChange={(e) =>
            set(
              { slowSeconds: Number(e.currentTarget.value) },
              Number(e.currentTarget.value) ? `Slow mode: ${e.currentTarget.value} s` : 'Slow mode off',
            )
          }
        >
          {SLOW_CHOICES.map((s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? 'Off' : `One message every ${s} s`}
            </option>
          ))}
        </select>
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={modes.followersOnly}
          onChange={(e) =>
            set(
              { followersOnly: e.currentTarget.checked },
              e.currentTarget.checked ? 'Followers-only chat on' : 'Followers-only chat off',
            )
          }
        />
        Followers only
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={modes.tippersOnly}
          onChange={(e) =>
            set(
              { tippersOnly: e.currentTarget.checked },
              e.currentTarget.checked ? 'Tippers-only chat on' : 'Tippers-only chat off',
            )
          }
        />
        Tippers only (viewers who have tipped in your room)
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={modes.fanClubOnly}
          onChange={(e) =>
            set(
              { fanClubOnly: e.currentTarget.checked },
              e.currentTarget.checked ? 'Fan-club-only chat on' : 'Fan-club-only chat off',
            )
          }
        />
        Fan club only (members of your fan club)
      </label>
    </section>
  );
}

/** A handle field with one button: appoint a moderator, or ban someone who is not in the chat. */
function HandleForm({
  id,
  label,
  button,
  onSubmit,
}: {
  id: string;
  label: string;
  button: string;
  onSubmit: (handle: string) => Promise<boolean>;
}) {
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const clean = handle.trim().replace(/^@/, '').toLowerCase();
    if (!clean) return;
    setBusy(true);
    if (await onSubmit(clean)) setHandle('');
    setBusy(false);
  };
  return (
    <form class="handle-form" onSubmit={submit}>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        class="input"
        type="text"
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        placeholder="@handle"
        value={handle}
        onInput={(e) => setHandle(e.currentTarget.value)}
      />
      <button type="submit" class="button button--small" disabled={busy || !handle.trim()} aria-busy={busy}>
        {button}
      </button>
    </form>
  );
}

function ModeratorsCard({ panel, performer, act }: { panel: Panel; performer: boolean; act: Act }) {
  return (
    <section class="card studio-panel" aria-labelledby="mods-title">
      <h2 id="mods-title">Moderators</h2>
      {panel.moderators.length === 0 ? (
        <p class="muted">No moderators yet.</p>
      ) : (
        <ul class="people-list">
          {panel.moderators.map((m) => (
            <li key={m.handle}>
              <span class="people-name">{m.displayName}</span> <span class="muted">@{m.handle}</span>
              {performer && (
                <button
                  type="button"
                  class="button button--small button--ghost"
                  aria-label={`Remove ${m.displayName} as moderator`}
                  onClick={() =>
                    act({ kind: 'dismiss', handle: m.handle }, `${m.displayName} is no longer a moderator`)
                  }
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {performer && (
        <HandleForm
          id="appoint-handle"
          label="Handle of the new moderator"
          button="Appoint"
          onSubmit={(handle) => act({ kind: 'appoint', handle }, `@${handle} is now a moderator`)}
        />
      )}
    </section>
  );
}

function RestrictionsCard({ panel, act }: { panel: Panel; act: Act }) {
  return (
    <section class="card studio-panel" aria-labelledby="restricted-title">
      <h2 id="restricted-title">Banned and muted</h2>
      {panel.restrictions.length === 0 ? (
        <p class="muted">Nobody is banned or muted.</p>
      ) : (
        <ul class="people-list">
          {panel.restrictions.map((r) => (
            <li key={r.handle}>
              <span class="people-name">{r.displayName}</span> <span class="muted">@{r.handle}</span>{' '}
              <span class="badge">
                {r.kind === 'banned' ? 'Banned' : r.until ? `Timed out until ${until.format(r.until)}` : 'Muted'}
              </span>
              <button
                type="button"
                class="button button--small button--ghost"
                aria-label={`${r.kind === 'banned' ? 'Unban' : 'Unmute'} ${r.displayName}`}
                onClick={() =>
                  act(
                    { kind: r.kind === 'banned' ? 'unban' : 'unmute', handle: r.handle },
                    `${r.displayName} is ${r.kind === 'banned' ? 'unbanned' : 'unmuted'}`,
                  )
                }
              >
                {r.kind === 'banned' ? 'Unban' : 'Unmute'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <HandleForm
        id="ban-handle"
        label="Handle to ban"
        button="Ban"
        onSubmit={(handle) => act({ kind: 'ban', handle }, `@${handle} is banned`)}
      />
    </section>
  );
}

function WordsCard({ words, act }: { words: readonly string[]; act: Act }) {
  const [text, setText] = useState(words.join('\n'));
  const list = [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
  const tooMany = list.length > FILTER_WORDS_MAX;
  const tooLong = list.find((w) => w.length > 40);
  const problem = tooMany
    ? `At most ${FILTER_WORDS_MAX} words`
    : tooLong
      ? `“${tooLong.slice(0, 20)}…” is longer than 40 characters`
      : '';
  const save = (e: Event) => {
    e.preventDefault();
    if (!problem) void act({ kind: 'words', words: list }, 'Word list saved');
  };
  return (
    <section class="card studio-panel" aria-labelledby="words-title">
      <h2 id="words-title">Blocked words</h2>
      <form class="form" onSubmit={save}>
        <label for="blocked-words">
          Messages with these words are not posted (one per line; case and spacing do not matter). The platform’s own
          list always applies.
        </label>
        <textarea
          id="blocked-words"
          class="input textarea"
          rows={4}
          value={text}
          aria-invalid={Boolean(problem)}
          aria-describedby="words-count"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id="words-count" class={`counter${problem ? ' counter--over' : ''}`}>
          {problem || `${list.length} / ${FILTER_WORDS_MAX} words`}
        </p>
        <p class="button-row">
          <button type="submit" class="button button--small" disabled={Boolean(problem)}>
            Save words
          </button>
        </p>
      </form>
    </section>
  );
}

function ClearChatCard({ act }: { act: Act }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="card studio-panel" aria-labelledby="clear-title">
      <h2 id="clear-title">Clear chat</h2>
      {confirming ? (
        <fieldset
          class="group"
          aria-labelledby="clear-question"
          onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
        >
          <p id="clear-question">Remove every message for everyone in the room?</p>
          <p class="button-row">
            <button
              type="button"
              class="button button--small button--danger"
              // biome-ignore lint/a11y/noAutofocus: the confirm step the moderator just asked for takes focus
              autoFocus
              onClick={async () => {
                await act({ kind: 'clear' }, 'Chat cleared');
                setConfirming(false);
              }}
            >
              Yes, clear chat
            </button>
            <button type="button" class="button button--small button--ghost" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
        </fieldset>
      ) : (
        <button type="button" class="button button--small" onClick={() => setConfirming(true)}>
          Clear chat…
        </button>
      )}
    </section>
  );
}
