import { useState } from 'preact/hooks';
import type { Payout } from '../../../../wire/money.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatCents } from '../../lib/money.ts';
import { absoluteTime } from '../../lib/time.ts';
import { ActionResult, useAction } from './use-action.tsx';

type AdminPayout = Payout & { performerHandle: string; approvedBy: string | null };
const STATUSES = ['requested', 'approved', 'paid', 'failed'] as const;

/**
 * Payouts: requests to approve in a batch or mark failed, approved ones (sent to the provider,
 * maybe paid) to reconcile with the provider's record, and the CSV for manual processors.
 */
export function PayoutsPanel() {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('requested');
  const [list, reload] = useResource(() => client.admin.payouts.$get({ query: { status } }), [status]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [state, run] = useAction();
  const toggle = (id: string) =>
    setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const approve = () =>
    run(
      () => call(client.admin.payouts.approve.$post({ json: { ids: [...chosen] } })),
      (r) => {
        setChosen(new Set());
        reload();
        const count = (status: Payout['status']) => r.payouts.filter((p) => p.status === status).length;
        const unsure = count('approved');
        const noAnswer = unsure ? `, ${unsure} with no answer from the provider (reconcile them under Approved)` : '';
        return `${count('paid')} paid, ${count('failed')} failed${noAnswer}`;
      },
    );
  return (
    <>
      <div class="admin-head">
        <h2 class="console-title">Payouts</h2>
        <fieldset class="group segmented" aria-label="Show payouts">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              class="button button--small"
              aria-pressed={status === s}
              onClick={() => {
                setStatus(s);
                setChosen(new Set());
              }}
            >
              {s[0]!.toUpperCase() + s.slice(1)}
            </button>
          ))}
        </fieldset>
      </div>
      <p class="button-row">
        <a class="button button--small" href="/api/admin/payouts.csv?status=approved" download>
          Export approved (CSV)
        </a>
        <a class="button button--small" href="/api/admin/payouts.csv?status=paid" download>
          Export paid (CSV)
        </a>
      </p>
      {list.state === 'loading' && <Loading label="Loading payouts…" />}
      {list.state === 'failed' && <ErrorState error={list.error} retry={reload} />}
      {list.state === 'ready' && list.data.payouts.length === 0 && (
        <EmptyState title={`No ${status} payouts`} icon="send" />
      )}
      {list.state === 'ready' && list.data.payouts.length > 0 && (
        <>
          <div class="table-scroll">
            <table class="data-table admin-table">
              <thead>
                <tr>
                  {status === 'requested' && (
                    <th scope="col">
                      <span class="visually-hidden">Choose</span>
                    </th>
                  )}
                  <th scope="col">Performer</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Requested</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.payouts.map((p) => (
                  <tr key={p.id}>
                    {status === 'requested' && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Choose @${p.performerHandle}'s payout`}
                          checked={chosen.has(p.id)}
                          onChange={() => toggle(p.id)}
                        />
                      </td>
                    )}
                    <th scope="row">@{p.performerHandle}</th>
                    <td>{formatCents(p.amount)}</td>
                    <td>{absoluteTime(p.requestedAt)}</td>
                    <td class="cell-text">
                      {p.status}
                      {p.failureReason ? `: ${p.failureReason}` : ''}
                    </td>
                    <td>
                      {p.status === 'requested' && <FailButton payout={p} onDone={reload} />}
                      {p.status === 'approved' && <ReconcileButton payout={p} onDone={reload} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {status === 'requested' && (
            <p class="button-row">
              <button
                type="button"
                class="button button--primary"
                disabled={chosen.size === 0 || state.busy}
                onClick={approve}
              >
                {state.busy ? 'Paying…' : `Approve and pay ${chosen.size || ''}`}
              </button>
            </p>
          )}
        </>
      )}
      {/* Outside the list: approving the last requests empties it, and the outcome must stay in view. */}
      <ActionResult state={state} />
    </>
  );
}

function FailButton({ payout, onDone }: { payout: AdminPayout; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, run] = useAction();
  if (!open)
    return (
      <button type="button" class="button button--small button--ghost" onClick={() => setOpen(true)}>
        Mark failed…
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => call(client.admin.payouts[':id'].fail.$post({ param: { id: payout.id }, json: { reason } })),
          () => {
            onDone();
            return 'Marked failed';
          },
        );
      }}
    >
      <label class="visually-hidden" for={`fail-${payout.id}`}>
        Why it failed
      </label>
      <input
        class="input"
        id={`fail-${payout.id}`}
        value={reason}
        placeholder="Why it failed"
        onInput={(e) => setReason(e.currentTarget.value)}
        required
        minLength={3}
        maxLength={300}
      />
      <button type="submit" class="button button--small button--danger" disabled={state.busy}>
        Mark failed
      </button>
      <ActionResult state={state} />
    </form>
  );
}

/** An approved payout may have been paid: only the provider's record settles it (paid, or back to requested). */
function ReconcileButton({ payout, onDone }: { payout: AdminPayout; onDone: () => void }) {
  const [state, run] = useAction();
  return (
    <>
      <button
        type="button"
        class="button button--small"
        disabled={state.busy}
        onClick={() =>
          void run(
            () => call(client.admin.payouts[':id'].reconcile.$post({ param: { id: payout.id } })),
            (r) => {
              onDone();
              return r.payout.status === 'paid'
                ? 'The provider has the transfer: paid'
                : 'No transfer at the provider: back to requested';
            },
          )
        }
      >
        {state.busy ? 'Asking the provider…' : 'Reconcile'}
      </button>
      <ActionResult state={state} />
    </>
  );
}
