import { useState } from 'preact/hooks';
import type { DirectoryRoom } from '../../../../wire/directory.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { DirectorySearch, TagFilters, useSearch } from './directory-search.tsx';
import { LiveCard } from './live-card.tsx';

/** The live directory: search by name or tag, tag filters, sort, and further pages on request. */
export function LiveNow() {
  const [search, change] = useSearch();
  const query = { ...(search.q && { q: search.q }), ...(search.tag && { tag: search.tag }), sort: search.sort };
  const [first, reload] = useResource(() => client.rooms.$get({ query }), [search.q, search.tag, search.sort]);
  const [more, setMore] = useState<{ key: string; rooms: DirectoryRoom[]; nextPage: number | null } | null>(null);
  const key = JSON.stringify(query);
  const extra = more?.key === key ? more : null;
  const [loadingMore, setLoadingMore] = useState(false);

  const filtered = Boolean(search.q || search.tag);
  const body = () => {
    if (first.state === 'loading') return <Loading label="Finding live rooms…" />;
    if (first.state === 'failed') return <ErrorState error={first.error} retry={reload} />;
    const rooms = [...first.data.rooms, ...(extra?.rooms ?? [])];
    const nextPage = extra ? extra.nextPage : first.data.nextPage;
    if (rooms.length === 0)
      return filtered ? (
        <EmptyState title="No live room matches" icon="users">
          <p>
            Try another name or tag, or see <a href="/offline">who is on later</a>.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="No one is live right now" icon="live">
          <p>
            Follow performers to see them here when they go live, or see <a href="/offline">who is on later</a>.
          </p>
        </EmptyState>
      );
    const loadMore = async (page: number) => {
      setLoadingMore(true);
      try {
        const answer = await call(client.rooms.$get({ query: { ...query, page: String(page) } }));
        setMore({ key, rooms: [...(extra?.rooms ?? []), ...answer.rooms], nextPage: answer.nextPage });
      } finally {
        setLoadingMore(false);
      }
    };
    return (
      <>
        {/* From the server: the most used tags among all live rooms, not only the ones on this page. */}
        <TagFilters
          tags={first.data.popularTags.map((t) => t.tag)}
          chosen={search.tag}
          onChoose={(tag) => change({ tag })}
        />
        <ul class="live-grid" aria-label="Live rooms">
          {rooms.map((room) => (
            <LiveCard key={room.handle} room={room} />
          ))}
        </ul>
        {nextPage !== null && (
          <p class="directory-more">
            <button
              type="button"
              class="button button--ghost"
              disabled={loadingMore}
              onClick={() => void loadMore(nextPage).catch(() => undefined)}
            >
              {loadingMore ? 'Loading…' : 'More live rooms'}
            </button>
          </p>
        )}
      </>
    );
  };
  return (
    <>
      <DirectorySearch search={search} onChange={change} sortable label="Search live rooms" />
      {body()}
    </>
  );
}
