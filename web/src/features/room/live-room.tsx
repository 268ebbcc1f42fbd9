import { useRef, useState } from 'preact/hooks';
import type { PerformerProfile } from '../../../../wire/profile.ts';
import { PerformerPageFailed } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useMediaQuery } from '../../lib/hooks/use-media-query.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import type { Watcher } from '../../lib/media/watcher.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { FanClubJoin } from '../fan-club/lazy-fan-club-join.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { GoalBar } from './goal-bar.tsx';
import { RoomLeaderboard } from './lazy-leaderboard.tsx';
import { SongRequests } from './lazy-song-requests.tsx';
import { ModeratorTools } from './moderation/moderator-tools.tsx';
import { NowPlayingLine } from './now-playing.tsx';
import { Player, useWatcher } from './player.tsx';
import { ReportRoomButton } from './report-room-button.tsx';
import { RoomChat } from './room-chat.tsx';
import { BANNED_WORDS } from './room-connection.ts';
import { RoomAbout, RoomInfo } from './room-info.tsx';
import { RoomStage } from './room-stage.tsx';
import { type RoomTab, RoomTabs } from './room-tabs.tsx';
import { ShowArea } from './shows/show-area.tsx';
import { ShowGate } from './shows/show-gate.tsx';
import { StageTools } from './stage-tools.tsx';
import { TipBar } from './tip-bar.tsx';
import { TipMenuList } from './tip-menu.tsx';
import { useFillScreen } from './use-fill-screen.ts';
import { useRoomConnection } from './use-room-connection.ts';
import { useWalletFreshness } from './wallet-freshness.ts';
import '../../styles/room.css';
import '../../styles/moderation.css';
import '../../styles/room-layout.css';

/**
 * The viewer's room at /live/:handle. Desktop: video and chat side by side, the tip bar and goal under the
 * video, the rest in tabs. Phone: video, tip bar, then tabs with the chat first, filling the screen.
 */
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
      performer={profile.data.performer}
      watcher={watcher}
    />
  );
}

/** Phones and narrow windows: video on top, then the chat filling the rest, everything else one tap away. */
const PHONE = '(max-width: 900px)';

function Room({ performer, watcher }: { performer: PerformerProfile; watcher: Watcher }) {
  const { handle, displayName: name } = performer;
  const room = useRoomConnection(handle);
  const phone = useMediaQuery(PHONE);
  const [theater, setTheater] = useState(false);
  const stage = useRef<HTMLDivElement>(null);
  const watch = useRef<HTMLDivElement>(null);
  useFillScreen(watch, phone);
  const signedIn = Boolean(currentUser.value);
  const self = currentUser.value?.handle === handle;
  useWalletFreshness(room, signedIn);

  // One banned state: no video placeholder, no tip form, no chat box; just why and where to go.
  if (room.fatal.value === BANNED_WORDS) return <BannedRoom name={name} />;

  const chat = <RoomChat room={room} signedIn={signedIn} />;
  const goal = <GoalBar room={room} />;
  // Features add their tab here (id, label, panel); on a phone chat and goal come first.
  const tabs: RoomTab[] = [
    ...(phone ? [{ id: 'chat', label: 'Chat', panel: chat }] : []),
    ...(phone
      ? [{ id: 'goal', label: 'Goal', panel: room.goal.value ? goal : <Empty text="No goal right now." /> }]
      : []),
    {
      id: 'menu',
      label: 'Tip menu',
      panel: room.menu.value.length ? (
        <TipMenuList room={room} signedIn={signedIn} self={self} />
      ) : (
        <Empty text="No tip menu yet." />
      ),
    },
    {
      id: 'top',
      label: 'Top tippers',
      onDemand: true,
      panel:
        room.leaderboard.value.king || room.leaderboard.value.show.length ? (
          <RoomLeaderboard room={room} />
        ) : (
          <Empty text="No tips yet." />
        ),
    },
    {
      id: 'songs',
      label: 'Songs',
      onDemand: true,
      // On a phone what is playing sits here, beside the requests (on a desktop it is under the video).
      panel: (
        <>
          {phone && <NowPlayingLine room={room} />}
          <SongRequests room={room} signedIn={signedIn} self={self} />
        </>
      ),
    },
    { id: 'about', label: 'About', panel: <RoomAbout performer={performer} /> },
  ];

  return (
    <div class={`room page page--wide${phone ? ' room--phone' : ''}${theater ? ' room--theater' : ''}`}>
      <ConnectionBanner room={room} />
      <div class="room-grid">
        <div class="room-watch" ref={watch}>
          <div class="room-stage-frame" ref={stage}>
            <RoomStage
              room={room}
              name={name}
              video={
                <ShowGate room={room} watcher={watcher} name={name}>
                  <Player room={room} watcher={watcher} name={name} />
                </ShowGate>
              }
            />
          </div>
          <div class="room-info-row">
            <RoomInfo room={room} performer={performer} />
            <StageTools
              room={room}
              stage={() => stage.current}
              theater={theater}
              setTheater={setTheater}
              phone={phone}
            />
          </div>
          {/* One row on a phone (tip bar, then the actions); on a desktop the goal sits between them. */}
          <div class="room-bar-row">
            <TipBar room={room} signedIn={signedIn} self={self} name={name} compact={phone} />
            {!phone && goal}
            {!phone && <NowPlayingLine room={room} />}
            {/* Actions under the video: features place their buttons in this row. */}
            <div class="room-actions">
              <FanClubJoin handle={handle} />
              <ReportRoomButton room={room} name={name} />
            </div>
          </div>
          {/* Paid shows: the offer or the show on now, and its private chat (on a phone, a bar and a sheet). */}
          <ShowArea room={room} signedIn={signedIn} self={self} name={name} phone={phone} />
          <RoomTabs label="Room" tabs={tabs} initial={phone ? 'chat' : 'menu'} />
        </div>
        {!phone && <aside class="room-side">{chat}</aside>}
      </div>
      <ModeratorTools room={room} />
    </div>
  );
}

function Empty({ text }: { text: string }) {
  return <p class="muted room-tab-empty">{text}</p>;
}

function BannedRoom({ name }: { name: string }) {
  return (
    <div class="page room-banned">
      <h1>{name}’s room</h1>
      <p class="room-banner room-banner--error" role="status">
        {BANNED_WORDS}
      </p>
      <p>
        <a class="button" href="/">
          Find another room
        </a>
      </p>
    </div>
  );
}
