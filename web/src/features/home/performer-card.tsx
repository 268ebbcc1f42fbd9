import type { PerformerCard as Card } from '../../../../wire/profile.ts';
import { Avatar } from '../../components/avatar.tsx';
import { CompactTags } from '../../components/tag-list.tsx';

export function PerformerCard({ performer }: { performer: Card }) {
  return (
    <li class="performer-card">
      <a href={`/@${performer.handle}`} class="performer-card-link">
        <Avatar name={performer.displayName} url={performer.avatarUrl} size="lg" decorative />
        <span class="performer-card-name">{performer.displayName}</span>
        <span class="performer-card-handle">@{performer.handle}</span>
        <CompactTags tags={performer.tags} />
      </a>
    </li>
  );
}
