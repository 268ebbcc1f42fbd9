import { useEffect, useState } from 'preact/hooks';
import { FanClubJoinLink } from '../fan-club/fan-club-badge.tsx';
import type { RoomConnection } from './room-connection.ts';
import { readOnlyForShow } from './shows/show-gate.tsx';

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Above the chat box: whether you are muted (until when), and which chat modes are on. */
export function ChatNotices({ room }: { room: RoomConnection }) {
  const muted = room.muted.value;
  const modes = room.modes.value;
  const role = room.you.value?.role;
  const [, tick] = useState(0);
  // A time-out ends by itself: look again when it does.
  useEffect(() => {
    if (!muted?.until) return;
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(0, muted.until - Date.now()) + 250);
    return () => clearTimeout(timer);
  }, [muted?.until]);
  const stillMuted = muted !== null && (muted.until === null || muted.until > Date.now());
  const exempt = role === 'performer' || role === 'moderator';
  const on = [
    modes.slowSeconds > 0 ? `Slow mode: one message every ${modes.slowSeconds} s` : '',
    modes.followersOnly ? 'Followers-only chat' : '',
    modes.tippersOnly ? 'Tippers-only chat' : '',
    modes.fanClubOnly ? 'Fan-club-only chat' : '',
    readOnlyForShow(room) ? 'Read-only during the private show' : '',
  ].filter(Boolean);
  if (!stillMuted && on.length === 0) return null;
  return (
    <div class="chat-notices" role="status">
      {stillMuted && (
        <p class="chat-notice chat-notice--muted">
          {muted.until ? `You are timed out until ${clock.format(muted.until)}.` : 'You are muted in this room.'}
        </p>
      )}
      {on.length > 0 && (
        <p class="chat-notice">
          {on.join(' · ')}
          {exempt ? ' (you are exempt)' : ''}
          {modes.fanClubOnly && !exempt && !room.you.value?.fanClub && <FanClubJoinLink />}
        </p>
      )}
    </div>
  );
}
