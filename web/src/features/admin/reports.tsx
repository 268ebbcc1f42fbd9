import { useState } from 'preact/hooks';
import type { ReportActionName } from '../../../../wire/admin-reports.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { type Answer, call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { absoluteTime } from '../../lib/time.ts';
import { ActionResult, useAction } from './use-action.tsx';

/** A report as the API lists it (evidence as JSON). */
type Report = Answer<Awaited<ReturnType<typeof client.admin.reports.$get>>>['reports'][number];

const STATUSES = [
  ['open', 'Open'],
  ['actioned', 'Actioned'],
  ['dismissed', 'Dismissed'],
  ['all', 'All'],
] as const;

const ACTIONS: { value: ReportActionName; label: string; danger?: boolean }[] = [
  { value: 'dismiss', label: 'Dismiss (no breach)' },
  { value: 'warn', label: 'Warn the person' },
  { value: 'delete_message', label: 'Delete the message' },
  { value: 'end_stream', label: 'End the stream', danger: true },
  { value: 'suspend', label: 'Suspend the account', danger: true },
  { value: 'freeze_wallet', label: 'Freeze the wallet', danger: true },
];

/** The reports queue: open reports oldest first, each with its evidence, its clock and the actions. */
export function ReportsPanel() {
  const [status, setStatus] = useState<(typeof STATUSES)[number][0]>('open');
  const [reports, reload, replace] = useResource(() => client.admin.reports.$get({ query: { status } }), [status]);
  const resolved = (report: Report) => {
    if (reports.state !== 'ready') return;
    replace({ reports: reports.data.reports.map((r) => (r.id === report.id ? report : r)) });
  };
  return (
    <>
      <div class="admin-head">
        <h2 class="console-title">Reports</h2>
        <fieldset class="group segmented" aria-label="Show reports">
          {STATUSES.map(([value, label]) => (
            <button
              key={value}
              type="button"
              class="button button--small"
              aria-pressed={status === value}
              onClick={() => setStatus(value)}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      <p class="muted">
        Each report is answered within 7 business days of filing (weekends not counted). Oldest first.
      </p>
      {reports.state === 'loading' && <Loading label="Loading the queue…" />}
      {reports.state === 'failed' && <ErrorState error={reports.error} retry={reload} />}
      {reports.state === 'ready' && reports.data.reports.length === 0 && (
        <EmptyState title="No reports here" icon="flag" />
      )}
      {reports.state === 'ready' && (
        <ol class="report-list">
          {reports.data.reports.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} onResolved={resolved} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

const TARGET_LABELS: Record<Report['target'], string> = { message: 'Message', room: 'Room', review: 'Show review' };

type ChatLine = {
  seq: number;
  message: { id: string; text: string; at: number; from: { handle: string; displayName: string } };
};

function ReportCard({ report, onResolved }: { report: Report; onResolved: (r: Report) => void }) {
  const evidence = report.evidence as {
    message?: ChatLine | null;
    chat?: ChatLine[];
    room?: { title?: string; live?: boolean; viewers?: number };
    review?: { stars: number; comment: string; kind: string; anonymous: boolean };
  };
  const subject = report.author ?? report.performer;
  const headingId = `report-${report.id}`;
  return (
    <article class="card report" aria-labelledby={headingId}>
      <header class="report-head">
        <h3 id={headingId}>
          {TARGET_LABELS[report.target]} by @{subject.handle}{' '}
          <span class="badge">{report.reason.replace('_', ' ')}</span>
        </h3>
        <Clock report={report} />
      </header>
      <p class="report-meta muted">
        Reported by @{report.reporter.handle} in @{report.performer.handle}’s room, {absoluteTime(report.createdAt)}
      </p>
      {report.text && <blockquote class="report-text">“{report.text}”</blockquote>}
      {evidence.review && (
        <p class="report-quoted">
          <strong>
            {evidence.review.stars} of 5 stars, {evidence.review.kind} show
            {evidence.review.anonymous ? ' (shown as Anonymous)' : ''}:
          </strong>{' '}
          {evidence.review.comment || <span class="muted">no comment</span>}
        </p>
      )}
      {evidence.message && (
        <p class="report-quoted">
          <strong>@{evidence.message.message.from.handle}:</strong> {evidence.message.message.text}
        </p>
      )}
      {report.target !== 'review' && (
        <details class="report-evidence">
          <summary>
            Evidence: {evidence.chat?.length ?? 0} chat line{evidence.chat?.length === 1 ? '' : 's'}
            {evidence.room ? `, room “${evidence.room.title ?? ''}” ${roomState(evidence.room)}` : ''}
          </summary>
          <ol class="evidence-chat">
            {(evidence.chat ?? []).map((line) => (
              <li key={line.seq} class={line.seq === report.messageSeq ? 'evidence-reported' : undefined}>
                <span class="muted">#{line.seq}</span> <strong>@{line.message.from.handle}</strong> {line.message.text}
              </li>
            ))}
          </ol>
        </details>
      )}
      {report.status === 'open' ? (
        <ResolveForm report={report} onResolved={onResolved} />
      ) : (
        <p class="report-resolution">
          <span class="badge">{report.status}</span> {report.resolution} — {report.resolvedBy}
          {report.resolvedAt ? `, ${absoluteTime(report.resolvedAt)}` : ''}
        </p>
      )}
    </article>
  );
}

function Clock({ report }: { report: Report }) {
  if (report.status !== 'open') return null;
  const days = Math.ceil((Date.parse(report.dueAt) - Date.now()) / 86_400_000);
  return (
    <p class={`report-clock${report.overdue ? ' report-clock--overdue' : ''}`}>
      {report.overdue ? 'Overdue since ' : 'Due '}
      <time dateTime={report.dueAt}>{absoluteTime(report.dueAt)}</time>
      {!report.overdue && ` (${days} day${days === 1 ? '' : 's'} left)`}
    </p>
  );
}

function ResolveForm({ report, onResolved }: { report: Report; onResolved: (r: Report) => void }) {
  const [action, setAction] = useState<ReportActionName>('dismiss');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [state, run] = useAction();
  const id = `resolve-${report.id}`;
  const options = ACTIONS.filter((a) => a.value !== 'delete_message' || report.target !== 'room').map((a) =>
    a.value === 'delete_message' && report.target === 'review' ? { ...a, label: 'Take the review down' } : a,
  );
  const chosen = ACTIONS.find((a) => a.value === action);
  const submit = (e: Event) => {
    e.preventDefault();
    const body = action === 'warn' ? { action, note, message } : { action, note };
    void run(
      () => call(client.admin.reports[':id'].resolve.$post({ param: { id: report.id }, json: body })),
      (r) => {
        onResolved(r.report);
        return `Done: ${r.report.resolution ?? r.report.status}`;
      },
    );
  };
  return (
    <form class="report-form" onSubmit={submit}>
      <div class="field">
        <label for={`${id}-action`}>Action</label>
        <select
          class="input"
          id={`${id}-action`}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value as ReportActionName)}
        >
          {options.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-note`}>Note for the record</label>
        <input
          class="input"
          id={`${id}-note`}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          required
          minLength={3}
          maxLength={300}
        />
      </div>
      {action === 'warn' && (
        <div class="field report-form-wide">
          <label for={`${id}-message`}>Warning the person will read</label>
          <textarea
            class="input"
            id={`${id}-message`}
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
            required
            minLength={3}
            maxLength={500}
            rows={2}
          />
        </div>
      )}
      <div class="report-form-submit">
        <button
          type="submit"
          class={`button ${chosen?.danger ? 'button--danger' : 'button--primary'}`}
          disabled={state.busy}
        >
          {state.busy ? 'Working…' : (chosen?.label ?? 'Resolve')}
        </button>
        <ActionResult state={state} />
      </div>
    </form>
  );
}

/** "live with 3 viewers" or "offline", for the evidence summary. */
function roomState(room: { live?: boolean; viewers?: number }): string {
  return room.live ? `live with ${room.viewers ?? 0} viewer${room.viewers === 1 ? '' : 's'}` : 'offline';
}
