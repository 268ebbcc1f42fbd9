import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { NO_MEDIA } from '../../../../../wire/media.ts';
import { Icon } from '../../../components/icon.tsx';
import type { Watcher } from '../../../lib/media/watcher.ts';
import type { RoomConnection } from '../room-connection.ts';
import { KIND_WORDS, perMinute } from './show-words.ts';

/** Whether a running show closes the room's video to this page: a private or group show you hold no seat in. */
export function videoClosed(room: RoomConnection): boolean {
  const { current, mine, myRequest } = room.shows.state.value;
  if (current?.phase !== 'running' || room.you.value?.role === 'performer') return false;
  // Your own request was just accepted: the public event may come before your seat; keep the picture.
  if (mine === null && myRequest?.id === current.id) return false;
  return mine === null || mine.role === 'reserved';
}

/** The performer chose a read-only public chat while a private show runs. */
export function readOnlyForShow(room: RoomConnection): boolean {
  const current = room.shows.state.value.current;
  return current?.phase === 'running' && current.kind === 'private' && current.publicChat === 'read-only';
}

/**
 * The player while no show closes the room; while one does, a placeholder ("In a private show"), not an
 * error: the pull is dropped (the Room refuses it anyway) and starts again when the room reopens or you
 * take a seat.
 */
export function ShowGate({
  room,
  watcher,
  name,
  children,
}: {
  room: RoomConnection;
  watcher: Watcher;
  name: string;
  children: ComponentChildren;
}) {
  const closed = videoClosed(room);
  useEffect(() => {
    if (closed) watcher.update(NO_MEDIA);
  }, [closed]);
  if (!closed) return <>{children}</>;
  const current = room.shows.state.value.current!;
  return (
    <div class="player player--show" data-state="show">
      <div class="room-video-idle show-placeholder">
        <Icon name="lock" class="room-video-icon" />
        <p>
          {current.kind === 'group' ? 'Group show in progress' : `${name} is in a private show`}
          <span class="room-video-note">
            {current.kind === 'group'
              ? `Join from the show panel (${perMinute(current.rate)}); only participants see the video.`
              : current.spyRate > 0
                ? `You can spy on it for ${perMinute(current.spyRate)}.`
                : 'The room opens again when it ends.'}
          </span>
        </p>
      </div>
      <p class="player-state" role="status">
        {KIND_WORDS[current.kind]}
      </p>
    </div>
  );
}
