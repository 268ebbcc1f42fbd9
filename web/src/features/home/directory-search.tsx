import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';

export type Search = { q: string; tag: string; sort: 'viewers' | 'newest' };

/** The search, tag and sort in the address, so a search can be shared and Back returns to it. */
export function useSearch(): [Search, (next: Partial<Search>) => void] {
  const { query, path, route } = useLocation();
  const search: Search = {
    q: query.q ?? '',
    tag: query.tag ?? '',
    sort: query.sort === 'newest' ? 'newest' : 'viewers',
  };
  const change = (next: Partial<Search>) => {
    const merged = { ...search, ...next };
    const params = new URLSearchParams();
    if (merged.q) params.set('q', merged.q);
    if (merged.tag) params.set('tag', merged.tag);
    if (merged.sort !== 'viewers') params.set('sort', merged.sort);
    const text = params.toString();
    route(text ? `${path}?${text}` : path, true);
  };
  return [search, change];
}

/** Search by name or tag, and (for live rooms) the sort; the chosen tag shows as a chip to clear. */
export function DirectorySearch({
  search,
  onChange,
  sortable,
  label,
}: {
  search: Search;
  onChange: (next: Partial<Search>) => void;
  sortable: boolean;
  label: string;
}) {
  const [text, setText] = useState(search.q);
  return (
    <form
      class="directory-search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: text.trim() });
      }}
    >
      <label class="visually-hidden" for="directory-q">
        Search by name or tag
      </label>
      <input
        id="directory-q"
        class="input"
        type="search"
        name="q"
        value={text}
        maxLength={60}
        placeholder="Search by name or tag"
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" class="button button--primary">
        Search
      </button>
      {sortable && (
        <label class="directory-sort">
          <span>Sort</span>
          <select
            class="input directory-sort-select"
            value={search.sort}
            onChange={(event) => onChange({ sort: event.currentTarget.value === 'newest' ? 'newest' : 'viewers' })}
          >
            <option value="viewers">Most viewers</option>
            <option value="newest">Newest</option>
          </select>
        </label>
      )}
      {(search.tag || search.q) && (
        <p class="directory-filters">
          {search.tag && (
            <button type="button" class="tag tag--chosen" onClick={() => onChange({ tag: '' })}>
              #{search.tag} <span aria-hidden="true">×</span>
              <span class="visually-hidden"> (remove this tag filter)</span>
            </button>
          )}
          {search.q && (
            <button
              type="button"
              class="button button--ghost button--small"
              onClick={() => {
                setText('');
                onChange({ q: '' });
              }}
            >
              Clear search “{search.q}”
            </button>
          )}
        </p>
      )}
    </form>
  );
}

/** The tags seen on a page of results, the most common first (where the server sends no list of its own). */
export function commonTags(lists: readonly string[][]): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const tag of list) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

/** Tags as filters, in the order given (the most used first), without the one already chosen. */
export function TagFilters({
  tags,
  chosen,
  onChoose,
}: {
  tags: readonly string[];
  chosen: string;
  onChoose: (tag: string) => void;
}) {
  const popular = tags.filter((tag) => tag !== chosen).slice(0, 12);
  if (popular.length === 0) return null;
  return (
    <ul class="tag-filters" aria-label="Filter by tag">
      {popular.map((tag) => (
        <li key={tag}>
          <button type="button" class="tag" onClick={() => onChoose(tag)}>
            #{tag}
          </button>
        </li>
      ))}
    </ul>
  );
}
