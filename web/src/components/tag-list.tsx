/** A card's first three tags, small; nothing at all when there are none. */
export function CompactTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <span class="tag-list tag-list--compact">
      {tags.slice(0, 3).map((tag) => (
        <span class="tag" key={tag}>
          #{tag}
        </span>
      ))}
    </span>
  );
}
