import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ID_TYPE_LABELS, type KycReview as Review } from '../../../../wire/kyc.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { absoluteTime } from '../../lib/time.ts';
import { KycReview } from './kyc-review.tsx';
import '../../styles/kyc.css';

/**
 * The Verification section: the queue of waiting checks, oldest first, or one check under
 * review (`/admin/kyc?id=…`). "Open next" takes the oldest; what it returned is shown as is,
 * so opening it costs one request and one audit row.
 */
export function KycPanel() {
  const { query, route } = useLocation();
  const [opened, setOpened] = useState<Review | null>(null);
  const id = query.id;
  const open = (review: Review | null, to?: string) => {
    setOpened(review);
    route(to ?? (review ? `/admin/kyc?id=${encodeURIComponent(review.id)}` : '/admin/kyc'));
  };
  if (id)
    return (
      <KycReview
        id={id}
        initial={opened?.id === id ? opened : null}
        onDone={(next) => open(next)}
        onBack={() => open(null)}
      />
    );
  return <KycQueuePanel onOpen={open} />;
}

function KycQueuePanel({ onOpen }: { onOpen: (review: Review | null, to?: string) => void }) {
  const [queue, reload] = useResource(() => client.admin.kyc.$get(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const next = async () => {
    setBusy(true);
    setError('');
    try {
      const { verification } = await call(client.admin.kyc.next.$get());
      if (verification) onOpen(verification);
      else reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div class="kyc-queue-head">
        <h2 class="console-title">Verification</h2>
        <button
          type="button"
          class="button button--primary"
          onClick={next}
          disabled={busy || (queue.state === 'ready' && queue.data.total === 0)}
          aria-busy={busy}
        >
          {busy && <span class="spinner" aria-hidden="true" />}
          Open next
        </button>
      </div>
      <p class="muted">
        Identity checks waiting for review, oldest first. Opening one shows the performer’s details and documents; every
        view is recorded in the audit log.
      </p>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {queue.state === 'loading' && <Loading label="Loading the queue…" />}
      {queue.state === 'failed' && <ErrorState error={queue.error} retry={reload} />}
      {queue.state === 'ready' && queue.data.items.length === 0 && (
        <EmptyState title="No identity checks waiting" icon="id">
          <p>New submissions appear here.</p>
        </EmptyState>
      )}
      {queue.state === 'ready' && queue.data.items.length > 0 && (
        <div class="card">
          <p class="field-hint" role="status">
            {queue.data.total} waiting
          </p>
          <table class="kyc-table">
            <caption class="visually-hidden">Verifications waiting for review</caption>
            <thead>
              <tr>
                <th scope="col">Performer</th>
                <th scope="col">ID</th>
                <th scope="col">Submitted</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <a href={`/admin/kyc?id=${encodeURIComponent(item.id)}`}>@{item.handle}</a>
                  </td>
                  <td>
                    {ID_TYPE_LABELS[item.idType]}, {item.country}
                  </td>
                  <td>{absoluteTime(item.submittedAt)}</td>
                  <td>
                    <span class={`kyc-pill kyc-pill--${item.status}`}>
                      {item.status === 'resubmitted' ? 'Resubmitted' : 'New'}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
