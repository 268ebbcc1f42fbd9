import type { ModerationLogEntry } from '../../../../../wire/moderation.ts';

const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const ACTION_WORDS: Record<string, string> = {
  mute: 'muted',
  unmute: 'unmuted',
  timeout: 'timed out',
  ban: 'banned',
  unban: 'unbanned',
  delete: 'deleted a message by',
  clear: 'cleared the chat',
  appoint: 'appointed as moderator',
  dismiss: 'dismissed as moderator',
  modes: 'set chat modes',
  words: 'edited the word list',
};

/** The room's moderation log, newest first. */
export function ModerationLogList({ log }: { log: readonly ModerationLogEntry[] }) {
  if (log.length === 0) return <p class="muted">Nothing yet. Every moderation action is recorded here.</p>;
  return (
    <ol class="mod-log">
      {log.map((entry) => (
        <li key={entry.id}>
          <time class="muted" dateTime={new Date(entry.at).toISOString()}>
            {when.format(entry.at)}
          </time>{' '}
          <strong>{entry.actorRole === 'admin' ? 'Encore staff' : `@${entry.actor}`}</strong>{' '}
          {ACTION_WORDS[entry.action] ?? entry.action}
          {entry.target && (
            <>
              {' '}
              <strong>@{entry.target}</strong>
            </>
          )}
          {entry.detail && <span class="muted"> ({entry.detail})</span>}
          {entry.via && <span class="muted"> via {entry.via}</span>}
        </li>
      ))}
    </ol>
  );
}
