import { PerformerPageFailed } from '../../../components/states.tsx';
import { client } from '../../../lib/api-client.ts';
import { useResource } from '../../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { currentUser } from '../../../lib/session.ts';
import { ConnectionBanner } from '../connection-banner.tsx';
import { Player, useWatcher } from '../player.tsx';
import type { RoomConnection } from '../room-connection.ts';
import { useRoomConnection } from '../use-room-connection.ts';
import { ShowChat } from './show-chat.tsx';
import { ShowPanel } from './show-panel.tsx';
import '../../../styles/room.css';
import '../../../styles/shows.css';

/**
 * A one-to-one session at /session/:handle, while the performer is not live in public: the same request,
 * accept, billing and end flow as a private show, in the performer's Room, without the public room around
 * it. Video shows the performer; voice plays sound only; chat has no media.
 */
export default function SessionPage({ handle = '' }: { handle?: string }) {
  const [profile, reload] = useResource(
    () => client.performers[':handle'].$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle],
  );
  const name = profile.state === 'ready' ? profile.data.performer.displayName : `@${handle}`;
  usePageTitle(`Session with ${name}`);
  if (profile.state === 'failed')
    return (
      <PerformerPageFailed
        error={profile.error}
        retry={reload}
        missing={{ title: `No one here goes by @${handle}`, hint: 'Check the spelling of the handle.' }}
        failed="This session page did not load"
      />
    );
  if (profile.state === 'loading')
    return (
      <div class="page" aria-busy="true">
        <p role="status">Loading…</p>
      </div>
    );
  return (
    <Session
      key={`${profile.data.performer.handle}:${currentUser.value?.id ?? ''}`}
      handle={profile.data.performer.handle}
      name={name}
    />
  );
}

function Session({ handle, name }: { handle: string; name: string }) {
  const room = useRoomConnection(handle);
  const signedIn = Boolean(currentUser.value);
  const { current, mine } = room.shows.state.value;
  const inSession = current?.phase === 'running' && mine !== null && current.kind.startsWith('session-');
  return (
    <div class="page session-page">
      <h1>
        Session with <a href={`/@${handle}`}>{name}</a>
      </h1>
      <ConnectionBanner room={room} />
      {inSession && current.kind !== 'session-chat' && (
        <SessionMedia room={room} handle={handle} name={name} voice={current.kind === 'session-voice'} />
      )}
      <ShowPanel room={room} signedIn={signedIn} self={currentUser.value?.handle === handle} name={name} sessions />
      <ShowChat room={room} />
    </div>
  );
}

/** The performer's media for a video or voice session (voice: the picture stays hidden, the sound plays). */
function SessionMedia({
  room,
  handle,
  name,
  voice,
}: {
  room: RoomConnection;
  handle: string;
  name: string;
  voice: boolean;
}) {
  const watcher = useWatcher(handle);
  return (
    <div class={`room-video session-stage${voice ? ' session-stage--voice' : ''}`}>
      <Player room={room} watcher={watcher} name={name} />
    </div>
  );
}
