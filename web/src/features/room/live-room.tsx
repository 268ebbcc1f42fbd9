import { PerformerPageFailed } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import type { Watcher } from '../../lib/media/watcher.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { FanClubJoin } from '../fan-club/fan-club-join.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { GoalBar } from './goal-bar.tsx';
import { ModeratorTools } from './moderation/moderator-tools.tsx';
import { NowPlayingLine } from './now-playing.tsx';
import { Player, useWatcher } from './player.tsx';
import { ReportRoomButton } from './report-room-button.tsx';
import { RoomChat } from './room-chat.tsx';
import { RoomLeaderboard } from './room-leaderboard.tsx';
import { RoomStage } from './room-stage.tsx';
import { ShowChat } from './shows/show-chat.tsx';
import { ShowGate } from './shows/show-gate.tsx';
import { ShowPanel } from './shows/show-panel.tsx';
import { SongRequests } from './song-requests.tsx';
import { TipMenuList } from './tip-menu.tsx';
import { TipWidget } from './tip-widget.tsx';
import { useRoomConnection } from './use-room-connection.ts';
import '../../styles/room.css';
import '../../styles/moderation.css';

/** The viewer's room at /live/:handle: the stage (video and tip bursts), chat and the tip widget. */
export default function LiveRoom({ handle = '' }: { handle?: string }) {
  const [profile, reload] = useResource(
    () => client.performers[':handle'].$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle],
  );
  // The video starts pulling alongside the profile request, not after it.
  const watcher = useWatcher(handle);
  const name = profile.state === 'ready' ? profile.data.performer.displayName : `@${handle}`;
  usePageTitle(`${name} live`);

  if (profile.state === 'failed') {
    return (
      <PerformerPageFailed
        error={profile.error}
        retry={reload}
        missing={{ title: `No room for @${handle}`, hint: 'No performer goes by that handle.' }}
        failed="This room did not load"
      />
    );
  }
  if (profile.state === 'loading') {
    return (
      <div class="page" aria-busy="true">
        <p class="visually-hidden" role="status">
          Loading the room…
        </p>
        <div class="room-video skeleton" />
      </div>
    );
  }
  // Keyed by the account, so signing in or out rejoins with the new identity.
  return (
    <Room
      key={`${profile.data.performer.handle}:${currentUser.value?.id ?? ''}`}
      handle={profile.data.performer.handle}
      name={name}
      watcher={watcher}
    />
  );
}

function Room({ handle, name, watcher }: { handle: string; name: string; watcher: Watcher }) {
  const room = useRoomConnection(handle);
  const signedIn = Boolean(currentUser.value);
  return (
    <div class="room page page--wide">
      <header class="room-head">
        <h1>
          <a href={`/@${handle}`}>{name}</a>
          <span class="visually-hidden">’s room</span>
        </h1>
        <p class="room-viewers" aria-live="polite" aria-atomic="true">
          <strong>{room.viewers.value}</strong> {room.viewers.value === 1 ? 'viewer' : 'viewers'}
        </p>
        <ReportRoomButton room={room} name={name} />
        <FanClubJoin handle={handle} />
      </header>
      <ConnectionBanner room={room} />
      <div class="room-layout">
        <RoomStage
          room={room}
          name={name}
          video={
            <ShowGate room={room} watcher={watcher} name={name}>
              <Player room={room} watcher={watcher} name={name} />
            </ShowGate>
          }
        />
        <div class="room-goals">
          <ShowPanel room={room} signedIn={signedIn} self={currentUser.value?.handle === handle} name={name} />
          <ShowChat room={room} />
          <NowPlayingLine room={room} />
          <GoalBar room={room} />
          <TipMenuList room={room} signedIn={signedIn} self={currentUser.value?.handle === handle} />
          <SongRequests room={room} signedIn={signedIn} self={currentUser.value?.handle === handle} />
        </div>
        <RoomLeaderboard room={room} />
        <RoomChat room={room} signedIn={signedIn} />
        <TipWidget room={room} signedIn={signedIn} self={currentUser.value?.handle === handle} name={name} />
      </div>
      <ModeratorTools room={room} />
    </div>
  );
}
