import type { PerformerCard as Card } from '../../../../wire/profile.ts';
import { Avatar } from '../../components/avatar.tsx';

export function PerformerCard({ performer }: { performer: Card }) {
  return (
    <li class="performer-card">
      <a href={`/@${performer.handle}`} class="performer-card-link">
        <Avatar name={performer.displayName} url={performer.avatarUrl} size="lg" decorative />
        <span class="performer-card-name">{performer.displayName}</span>
        <span class="performer-card-handle">@{performer.handle}</span>
        {performer.tags.length > 0 && (
          <span class="tag-list tag-list--compact">
            {performer.tags.slice(0, 3).map((tag) => (
              <span class="tag" key={tag}>
                #{tag}
              </span>
            ))}
          </span>
        )}
      </a>
    </li>
  );
}
