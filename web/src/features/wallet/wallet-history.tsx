import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryItem, HistoryResponse } from '../../../../wire/money.ts';
import { MoneyIcon, type MoneyIconName } from '../../components/money-icons.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatTokens } from '../../lib/money.ts';
import { absoluteTime, whenText } from '../../lib/time.ts';

const KINDS: Record<string, [label: string, icon: MoneyIconName]> = {
  purchase: ['Purchase', 'cart'],
  tip: ['Tip', 'heart'],
  refund: ['Refund', 'undo'],
  chargeback: ['Chargeback', 'alert'],
  adjustment: ['Adjustment', 'sliders'],
  goal_refund: ['Goal refund', 'target'],
  private_show: ['Private show', 'camera'],
  private_show_minute: ['Private show', 'camera'],
};

function kindOf(kind: string): [string, MoneyIconName] {
  const known = KINDS[kind];
  if (known) return known;
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return [words ? words[0]!.toUpperCase() + words.slice(1) : 'Other', 'coin'];
}

/** The wallet's movements, newest first, a page at a time. */
export function HistoryList() {
  const [first, reload] = useResource(() => client.wallet.history.$get({ query: {} }), []);
  const [pages, setPages] = useState<HistoryResponse[]>([]);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const focusIndex = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // A reload starts again from the first page.
  useEffect(() => {
    setPages([]);
    setMoreError('');
  }, [first]);

  // When "Load more" goes away (the last page came), focus would fall to the page: put it on the first new entry.
  useEffect(() => {
    if (focusIndex.current === null) return;
    (list.current?.children[focusIndex.current] as HTMLElement | undefined)?.focus();
    focusIndex.current = null;
  }, [pages]);

  if (first.state === 'loading') {
    return (
      <HistorySection>
        <Loading label="Loading your history…" />
      </HistorySection>
    );
  }
  if (first.state === 'failed') {
    return (
      <HistorySection>
        <ErrorState error={first.error} retry={reload} title="Your history did not load" />
      </HistorySection>
    );
  }

  const seen = new Set<number>();
  const items = [first.data, ...pages]
    .flatMap((page) => page.items)
    .filter((item) => !seen.has(item.id) && seen.add(item.id));
  const next = pages.length > 0 ? pages[pages.length - 1]!.nextCursor : first.data.nextCursor;

  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    setMoreError('');
    try {
      const page = await call(client.wallet.history.$get({ query: { cursor: next } }));
      if (page.nextCursor === null && page.items.length > 0) focusIndex.current = items.length;
      setPages((before) => [...before, page]);
      setAnnouncement(
        page.items.length === 0
          ? 'No more entries'
          : `${page.items.length} more ${page.items.length === 1 ? 'entry' : 'entries'} loaded`,
      );
    } catch (error) {
      setMoreError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (items.length === 0 && !next) {
    return (
      <HistorySection>
        <EmptyState title="No activity yet" icon="coin">
          <p>Tokens you buy and tips you send will be listed here.</p>
        </EmptyState>
      </HistorySection>
    );
  }

  return (
    <HistorySection>
      <ol class="history-list" ref={list}>
        {items.map((item) => (
          <HistoryRow key={item.id} item={item} />
        ))}
      </ol>
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      {moreError && (
        <p class="field-error history-more-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {moreError}
        </p>
      )}
      {next && (
        <p class="history-more">
          <button type="button" class="button" onClick={loadMore} disabled={busy} aria-busy={busy}>
            {busy && <span class="spinner" aria-hidden="true" />}
            Load more
          </button>
        </p>
      )}
    </HistorySection>
  );
}

function HistorySection({ children }: { children: ComponentChildren }) {
  return (
    <section class="card history-card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {children}
    </section>
  );
}

function HistoryRow({ item }: { item: HistoryItem }) {
  const [label, icon] = kindOf(item.kind);
  const incoming = item.amount > 0;
  return (
    <li class="history-item" tabIndex={-1}>
      <span class={`history-icon history-icon--${incoming ? 'in' : 'out'}`}>
        <MoneyIcon name={icon} />
      </span>
      <div class="history-main">
        <p class="history-description">{item.description}</p>
        <p class="history-meta">
          {label} ·{' '}
          <time dateTime={item.createdAt} title={absoluteTime(item.createdAt)}>
            {whenText(item.createdAt)}
          </time>
          {/* The id the room page sent the tip with: support (and GET /api/wallet/tips/:id) find a tip by it. */}
          {item.clientId && (
            <>
              {' '}
              ·{' '}
              <span class="history-client-id">
                Tip id <code>{item.clientId}</code>
              </span>
            </>
          )}
        </p>
      </div>
      <p class={`history-amount history-amount--${incoming ? 'in' : 'out'}`}>
        {incoming ? '+' : '−'}
        {formatTokens(Math.abs(item.amount))}
        <span class="visually-hidden"> tokens</span>
      </p>
    </li>
  );
}
