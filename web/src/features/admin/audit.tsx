import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../../wire/admin-audit.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { absoluteTime } from '../../lib/time.ts';

type Filters = { actor: string; action: string; objectType: string; objectId: string; from: string; to: string };
const EMPTY: Filters = { actor: '', action: '', objectType: '', objectId: '', from: '', to: '' };
const LABELS: [keyof Filters, string, string][] = [
  ['actor', 'Who (starts with)', 'admin@…'],
  ['action', 'Action (starts with)', 'report.'],
  ['objectType', 'Object type', 'user'],
  ['objectId', 'Object id', ''],
];

function queryOf(f: Filters, before?: number): Record<string, string> {
  const q: Record<string, string> = { limit: '50' };
  for (const [key, value] of Object.entries(f)) {
    if (!value) continue;
    // datetime-local gives local wall time without a zone; the API wants an instant.
    q[key] = key === 'from' || key === 'to' ? new Date(value).toISOString() : value;
  }
  if (before) q.before = String(before);
  return q;
}

/** The audit log: who did what to which object, newest first, with filters and "older" paging. */
export function AuditPanel() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | ApiFailure>('idle');

  const load = async (filters: Filters, before?: number) => {
    setState('loading');
    try {
      const page = await call(client.admin.audit.$get({ query: queryOf(filters, before) }));
      setEntries((old) => (before && old ? [...old, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
      setState('idle');
    } catch (error) {
      setState(error instanceof ApiFailure ? error : new ApiFailure(0, 'INTERNAL', String(error)));
    }
  };
  useEffect(() => {
    void load(EMPTY);
  }, []);

  return (
    <>
      <h2 class="console-title">Audit log</h2>
      <form
        class="audit-filters"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          void load(draft);
        }}
      >
        {LABELS.map(([key, label, placeholder]) => (
          <div class="field" key={key}>
            <label for={`audit-${key}`}>{label}</label>
            <input
              class="input"
              id={`audit-${key}`}
              value={draft[key]}
              placeholder={placeholder}
              onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
            />
          </div>
        ))}
        <div class="field">
          <label for="audit-from">From</label>
          <input
            class="input"
            id="audit-from"
            type="datetime-local"
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-to">Until</label>
          <input
            class="input"
            id="audit-to"
            type="datetime-local"
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </div>
        <div class="button-row audit-filter-buttons">
          <button type="submit" class="button button--primary">
            Filter
          </button>
          <button
            type="button"
            class="button button--ghost"
            onClick={() => {
              setDraft(EMPTY);
              void load(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {state instanceof ApiFailure && <ErrorState error={state} retry={() => void load(draft)} />}
      {entries === null && state === 'loading' && <Loading label="Reading the log…" />}
      {entries && entries.length === 0 && <EmptyState title="Nothing matches" icon="ledger" />}
      {entries && entries.length > 0 && (
        <div class="table-scroll">
          <table class="data-table admin-table audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">IP</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{absoluteTime(e.createdAt)}</th>
                  <td class="cell-text">{e.actor}</td>
                  <td class="cell-text">
                    <code>{e.action}</code>
                  </td>
                  <td class="cell-text">
                    {e.objectType}:{e.objectId}
                  </td>
                  <td class="cell-text">{e.ip ?? '—'}</td>
                  <td class="cell-text audit-detail">{e.detail ? JSON.stringify(e.detail) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <p class="button-row">
          <button type="button" class="button" disabled={state === 'loading'} onClick={() => void load(draft, cursor)}>
            Older entries
          </button>
        </p>
      )}
    </>
  );
}
