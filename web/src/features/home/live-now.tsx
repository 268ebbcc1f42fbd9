import { Avatar } from '../../components/avatar.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { CompactTags } from '../../components/tag-list.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';

/** The live directory: rooms live now, most watched first, each a way into the room. */
export function LiveNow() {
  const [rooms, reload] = useResource(() => client.rooms.$get({ query: {} }), []);
  if (rooms.state === 'loading') return <Loading label="Finding live rooms…" />;
  if (rooms.state === 'failed') return <ErrorState error={rooms.error} retry={reload} />;
  if (rooms.data.rooms.length === 0) {
    return (
      <EmptyState title="No one is live right now" icon="live">
        <p>Follow performers to see them here when they go live.</p>
      </EmptyState>
    );
  }
  return (
    <ul class="live-grid">
      {rooms.data.rooms.map((room) => (
        <li key={room.handle} class="live-card">
          <a href={`/live/${room.handle}`} class="live-card-link">
            <span class="live-card-top">
              <span class="live-badge">Live</span>
              <span class="live-viewers">
                {room.viewers.toLocaleString()} {room.viewers === 1 ? 'viewer' : 'viewers'}
              </span>
            </span>
            <span class="live-card-title">{room.title}</span>
            <span class="live-card-who">
              <Avatar name={room.displayName} url={room.avatarUrl} size="sm" decorative />
              <span>{room.displayName}</span>
            </span>
            <CompactTags tags={room.tags} />
          </a>
        </li>
      ))}
    </ul>
  );
}
