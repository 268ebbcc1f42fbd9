import type { DirectoryRoom } from '../../../../wire/directory.ts';
import { Avatar } from '../../components/avatar.tsx';
import { CompactTags } from '../../components/tag-list.tsx';
import { ShowBadge } from '../profile/profile-availability.tsx';

type CardRoom = Pick<
  DirectoryRoom,
  'handle' | 'displayName' | 'avatarUrl' | 'thumbnailUrl' | 'title' | 'viewers' | 'show'
> & {
  tags?: readonly string[];
};

export function viewerCount(viewers: number): string {
  return `${viewers.toLocaleString()} ${viewers === 1 ? 'viewer' : 'viewers'}`;
}

/** A live room: the stream's recent frame (or the avatar), LIVE and viewers over it, then title, who and tags. */
export function LiveCard({ room }: { room: CardRoom }) {
  return (
    <li class="live-card">
      <a href={`/live/${room.handle}`} class="live-card-link">
        <span class="live-card-picture">
          {room.thumbnailUrl ? (
            <img class="live-card-thumbnail" src={room.thumbnailUrl} alt="" loading="lazy" decoding="async" />
          ) : (
            <span class="live-card-fallback">
              <Avatar name={room.displayName} url={room.avatarUrl} size="xl" decorative />
            </span>
          )}
          <span class="live-badge">Live</span>
          <ShowBadge show={room.show} />
          <span class="live-viewers">{viewerCount(room.viewers)}</span>
        </span>
        <span class="live-card-title">{room.title}</span>
        <span class="live-card-who">
          <Avatar name={room.displayName} url={room.avatarUrl} size="sm" decorative />
          <span>{room.displayName}</span>
        </span>
        {room.tags && <CompactTags tags={room.tags} />}
      </a>
    </li>
  );
}
