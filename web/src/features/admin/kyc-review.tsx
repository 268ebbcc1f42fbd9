import { useEffect, useState } from 'preact/hooks';
import {
  ID_TYPE_LABELS,
  type KycDocumentInfo,
  KycRejectBody,
  type KycReview as Review,
  SIDE_LABELS,
} from '../../../../wire/kyc.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ApiFailure, failureFrom, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatSize } from '../../lib/kyc-upload.ts';
import { absoluteTime } from '../../lib/time.ts';
import { ActionResult, useAction } from './use-action.tsx';

type Props = { id: string; initial: Review | null; onDone: (next: Review | null) => void; onBack: () => void };

/** One verification under review: the details beside the decrypted documents, then approve or reject. */
export function KycReview({ id, initial, onDone, onBack }: Props) {
  const [loaded, reload] = useResource(
    initial ? null : () => client.admin.kyc[':id'].$get({ param: { id: encodeURIComponent(id) } }),
    [id],
  );
  const review = initial ?? (loaded.state === 'ready' ? loaded.data.verification : null);
  return (
    <>
      <p>
        <button type="button" class="button button--ghost button--small" onClick={onBack}>
          ← Back to the queue
        </button>
      </p>
      {!review && loaded.state === 'loading' && <Loading label="Opening the verification…" />}
      {!review && loaded.state === 'failed' && <ErrorState error={loaded.error} retry={reload} />}
      {review && <ReviewView review={review} onDone={onDone} />}
    </>
  );
}

function ReviewView({ review, onDone }: { review: Review; onDone: Props['onDone'] }) {
  const waiting = review.status === 'submitted' || review.status === 'resubmitted';
  return (
    <>
      <h2 class="console-title">Verification of @{review.handle}</h2>
      <div class="kyc-review">
        <section class="card" aria-labelledby="kyc-details">
          <h3 id="kyc-details">Details</h3>
          <dl class="kyc-facts">
            <dt>Legal name</dt>
            <dd>{review.legalName}</dd>
            <dt>Date of birth</dt>
            <dd>
              {review.dateOfBirth} (age {review.age}){review.age < 18 && <span class="kyc-warning"> under 18</span>}
            </dd>
            <dt>ID</dt>
            <dd>
              {ID_TYPE_LABELS[review.idType]}, issued in {review.country}
            </dd>
            <dt>ID number</dt>
            <dd>
              <code>{review.idNumber}</code>
            </dd>
            <dt>Stage names</dt>
            <dd>{review.stageNames.join(', ') || '—'}</dd>
            <dt>Account</dt>
            <dd>
              @{review.handle}, {review.email}
            </dd>
            <dt>Consent</dt>
            <dd>{review.consentAt ? absoluteTime(review.consentAt) : 'Not given'}</dd>
            <dt>Submitted</dt>
            <dd>{review.submittedAt ? absoluteTime(review.submittedAt) : '—'}</dd>
            <dt>State</dt>
            <dd>{review.status}</dd>
            {review.rejectionReason && (
              <>
                <dt>Last rejection</dt>
                <dd>{review.rejectionReason}</dd>
              </>
            )}
            {review.reviewedBy && (
              <>
                <dt>Reviewed by</dt>
                <dd>
                  {review.reviewedBy}
                  {review.reviewedAt ? `, ${absoluteTime(review.reviewedAt)}` : ''}
                </dd>
              </>
            )}
          </dl>
          {waiting ? (
            <Decision review={review} onDone={onDone} />
          ) : (
            <p class="muted">This verification is {review.status}; nothing to decide.</p>
          )}
        </section>
        <section class="kyc-docs" aria-label="Documents">
          {review.documents.map((d) => (
            <DocumentView key={d.id} verificationId={review.id} document={d} />
          ))}
          {review.documents.length === 0 && <p class="muted">No documents on file.</p>}
        </section>
      </div>
    </>
  );
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; url: string };

/**
 * Fetches the document once (each fetch is audited and never cached) and shows it from memory;
 * a document that fails its integrity check is reported instead of shown.
 */
function DocumentView({ verificationId, document: d }: { verificationId: string; document: KycDocumentInfo }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let url = '';
    let current = true;
    (async () => {
      const response = await fetch(
        `/api/admin/kyc/${encodeURIComponent(verificationId)}/documents/${encodeURIComponent(d.id)}`,
        { credentials: 'same-origin' },
      );
      if (!response.ok) throw failureFrom(response.status, await response.text(), null);
      url = URL.createObjectURL(await response.blob());
      if (current) setLoaded({ state: 'ready', url });
    })().catch(
      (error: unknown) =>
        current &&
        setLoaded({
          state: 'failed',
          message: error instanceof ApiFailure ? error.message : 'Could not load the document',
        }),
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [verificationId, d.id]);
  const title = SIDE_LABELS[d.side];
  return (
    <figure class="card kyc-doc" data-side={d.side}>
      <h3>{title}</h3>
      <div class="kyc-doc-frame">
        {loaded.state === 'loading' && <Loading label={`Decrypting the ${title.toLowerCase()}…`} />}
        {loaded.state === 'failed' && (
          <p class="field-error" role="alert">
            {loaded.message}
          </p>
        )}
        {loaded.state === 'ready' && d.contentType !== 'application/pdf' && (
          <img src={loaded.url} alt={`${title} of the performer’s ID`} />
        )}
        {loaded.state === 'ready' && d.contentType === 'application/pdf' && (
          <a class="button" href={loaded.url} target="_blank" rel="noopener" download={`${d.side}.pdf`}>
            Open the PDF
          </a>
        )}
      </div>
      <figcaption class="field-hint">
        {fileKind(d.contentType)}, {formatSize(d.size)}, uploaded {absoluteTime(d.uploadedAt)}
      </figcaption>
    </figure>
  );
}

/** "PDF", "JPEG": what a document is, in a word. */
function fileKind(contentType: string): string {
  return contentType.replace('application/', '').replace('image/', '').toUpperCase();
}

function Decision({ review, onDone }: { review: Review; onDone: Props['onDone'] }) {
  const [action, run] = useAction();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [decided, setDecided] = useState('');
  const decide = async (approve: boolean) => {
    if (!approve) {
      const parsed = KycRejectBody.safeParse({ reason });
      setReasonError(parsed.success ? undefined : parsed.error.issues[0]?.message);
      if (!parsed.success) return;
    }
    const param = { id: encodeURIComponent(review.id) };
    const result = await run(
      () =>
        call(
          approve
            ? client.admin.kyc[':id'].approve.$post({ param })
            : client.admin.kyc[':id'].reject.$post({ param, json: { reason } }),
        ),
      (r) =>
        r.status === 'approved'
          ? `Approved: @${review.handle} can go live.`
          : `Rejected; @${review.handle} sees your note.`,
    );
    if (result) setDecided(result.status);
  };
  const next = async () => {
    try {
      const { verification } = await call(client.admin.kyc.next.$get());
      onDone(verification);
    } catch (failure) {
      setReasonError(messageOf(failure));
    }
  };
  if (decided)
    return (
      <div class="kyc-decide">
        <ActionResult state={action} />
        <button type="button" class="button button--primary" onClick={next}>
          Open next
        </button>
      </div>
    );
  return (
    <div class="kyc-decide">
      <button type="button" class="button button--primary" disabled={action.busy} onClick={() => decide(true)}>
        Approve
      </button>
      <FieldShell
        id="kyc-reject-reason"
        label="Reason for rejecting"
        hint="The performer sees this note and can fix and resubmit."
        error={reasonError}
      >
        <textarea
          class="input textarea"
          rows={3}
          value={reason}
          maxLength={500}
          onInput={(e) => setReason(e.currentTarget.value)}
          {...fieldAria('kyc-reject-reason', true, reasonError)}
        />
      </FieldShell>
      <button type="button" class="button" disabled={action.busy} onClick={() => decide(false)}>
        Reject with this reason
      </button>
      <ActionResult state={action} />
    </div>
  );
}
