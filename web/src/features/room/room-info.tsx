import { useState } from 'preact/hooks';
import type { PerformerProfile } from '../../../../wire/profile.ts';
import { FollowButton } from '../profile/follow-button.tsx';
import type { RoomConnection } from './room-connection.ts';

const count = new Intl.NumberFormat();

/** Under the video: who, LIVE, the show's title and tags, viewers, Follow; always in view while it plays. */
export function RoomInfo({ room, performer }: { room: RoomConnection; performer: PerformerProfile }) {
  const [following, setFollowing] = useState(performer.following);
  const viewers = room.viewers.value;
  return (
    <div class="room-info">
      <div class="room-info-who">
        <h1 class="room-info-name">
          <a href={`/@${performer.handle}`}>{performer.displayName}</a>
          <span class="visually-hidden">’s room</span>
        </h1>
        {room.live.value && <span class="room-live-badge">Live</span>}
        <p class="room-viewers" aria-live="polite" aria-atomic="true">
          <strong>{count.format(viewers)}</strong> {viewers === 1 ? 'viewer' : 'viewers'}
        </p>
        <div class="room-info-follow">
          <FollowButton
            handle={performer.handle}
            following={following}
            onChange={(state) => setFollowing(state.following)}
          />
        </div>
      </div>
      <div class="room-info-show">
        {room.title.value && <p class="room-info-title">{room.title.value}</p>}
        {performer.tags.length > 0 && (
          <ul class="room-info-tags" aria-label="Tags">
            {performer.tags.map((tag) => (
              <li key={tag} class="tag">
                #{tag}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The About tab: the performer's bio, as written on the profile. */
export function RoomAbout({ performer }: { performer: PerformerProfile }) {
  return (
    <div class="room-about">
      {performer.bio ? <p class="room-about-bio">{performer.bio}</p> : <p class="muted">No bio yet.</p>}
      <p>
        <a href={`/@${performer.handle}`}>Full profile and schedule</a>
      </p>
    </div>
  );
}
