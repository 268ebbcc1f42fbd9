import { useState } from 'preact/hooks';
import type { OfflinePerformer } from '../../../../wire/directory.ts';
import { Avatar } from '../../components/avatar.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { CompactTags } from '../../components/tag-list.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { nextOccurrence } from '../../lib/schedule.ts';
import { commonTags, DirectorySearch, TagFilters, useSearch } from './directory-search.tsx';
import '../../styles/home.css';

/** The soonest slot of a weekly schedule, in the viewer's clock; null without one. */
function nextShow(performer: OfflinePerformer, now = Date.now()): Date | null {
  const starts = (performer.schedule?.slots ?? []).map(
    (slot) => nextOccurrence(slot, performer.schedule?.timeZone ?? 'UTC', now).start,
  );
  return starts.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
}

const when = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' });

/** Performers who are offline now, with their next scheduled show, searchable by name and tag. */
export default function OfflinePage() {
  usePageTitle('Offline now');
  const [search, change] = useSearch();
  const query = { ...(search.q && { q: search.q }), ...(search.tag && { tag: search.tag }) };
  const [first, reload] = useResource(() => client.rooms.offline.$get({ query }), [search.q, search.tag]);
  const [more, setMore] = useState<{ key: string; performers: OfflinePerformer[]; nextPage: number | null } | null>(
    null,
  );
  const key = JSON.stringify(query);
  const extra = more?.key === key ? more : null;

  const body = () => {
    if (first.state === 'loading') return <Loading label="Finding performers…" />;
    if (first.state === 'failed') return <ErrorState error={first.error} retry={reload} />;
    const performers = [...first.data.performers, ...(extra?.performers ?? [])];
    const nextPage = extra ? extra.nextPage : first.data.nextPage;
    if (performers.length === 0)
      return (
        <EmptyState title="No one matches" icon="users">
          <p>Try another name or tag.</p>
        </EmptyState>
      );
    const loadMore = async (page: number) => {
      const answer = await call(client.rooms.offline.$get({ query: { ...query, page: String(page) } }));
      setMore({ key, performers: [...(extra?.performers ?? []), ...answer.performers], nextPage: answer.nextPage });
    };
    return (
      <>
        <TagFilters
          tags={commonTags(performers.map((p) => p.tags))}
          chosen={search.tag}
          onChoose={(tag) => change({ tag })}
        />
        <ul class="performer-grid" aria-label="Performers offline now">
          {performers.map((p) => {
            const next = nextShow(p);
            return (
              <li key={p.handle} class="performer-card">
                <a href={`/@${p.handle}`} class="performer-card-link">
                  <Avatar name={p.displayName} url={p.avatarUrl} size="lg" decorative />
                  <span class="performer-card-name">{p.displayName}</span>
                  <span class="performer-card-handle">@{p.handle}</span>
                  <span class="performer-card-next">
                    {next ? (
                      <>
                        Next show <time dateTime={next.toISOString()}>{when.format(next)}</time>
                      </>
                    ) : (
                      'No regular shows'
                    )}
                  </span>
                  <CompactTags tags={p.tags} />
                </a>
              </li>
            );
          })}
        </ul>
        {nextPage !== null && (
          <p class="directory-more">
            <button
              type="button"
              class="button button--ghost"
              onClick={() => void loadMore(nextPage).catch(() => undefined)}
            >
              More performers
            </button>
          </p>
        )}
      </>
    );
  };
  return (
    <div class="page">
      <h1 class="section-title">Offline now</h1>
      <p class="muted">
        Performers who are not live right now, with their next scheduled show in your time zone. See{' '}
        <a href="/">who is live</a>.
      </p>
      <DirectorySearch search={search} onChange={change} sortable={false} label="Search performers" />
      {body()}
    </div>
  );
}
