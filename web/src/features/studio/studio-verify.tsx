import { useMemo, useState } from 'preact/hooks';
import {
  type DocumentSide,
  ID_TYPE_LABELS,
  IdType,
  KYC_DOCUMENT_TYPES,
  type KycDocumentInfo,
  KycForm,
  type KycState,
  requiredSides,
  SIDE_LABELS,
} from '../../../../wire/kyc.ts';
import { FieldError, FieldShell, fieldAria, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { type FieldErrors, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { countries, documentProblem, formatSize, uploadDocument } from '../../lib/kyc-upload.ts';
import '../../styles/kyc.css';

/** The performer's identity verification: the form, one upload per document side, and the status. */
export default function StudioVerify() {
  const [state, reload, replace] = useResource(() => client.studio.verification.$get(), []);
  return (
    <>
      <h1 class="console-title">Verification</h1>
      <p class="muted">
        We check every performer’s identity and age before their first show. Your documents are encrypted and only our
        review team can open them.
      </p>
      {state.state === 'loading' && <Loading label="Loading your verification…" />}
      {state.state === 'failed' && <ErrorState error={state.error} retry={reload} />}
      {state.state === 'ready' && (
        <>
          <StatusPanel state={state.data} />
          {state.data.editable ? (
            <VerifyForm state={state.data} onChange={replace} />
          ) : (
            <Submitted state={state.data} />
          )}
        </>
      )}
    </>
  );
}

const STATUS_TEXT: Record<KycState['status'], [title: string, text: string]> = {
  none: ['Not started', 'Fill in the form and upload your documents, then submit them for review.'],
  draft: ['Draft saved', 'Finish the form and documents, then submit them for review.'],
  submitted: [
    'In review',
    'Our team is checking your documents, usually within a day. You can go live once they approve.',
  ],
  resubmitted: ['In review again', 'Thanks for the fixes. Our team is checking them now.'],
  approved: ['Verified', 'Your identity is verified: you can go live.'],
  rejected: ['Changes needed', 'Your verification was not approved. Fix what the reviewer asked for and submit again.'],
};

function StatusPanel({ state }: { state: KycState }) {
  const [title, text] = STATUS_TEXT[state.status];
  return (
    <section
      class={`card kyc-status kyc-status--${state.status}`}
      aria-labelledby="kyc-status-title"
      aria-live="polite"
    >
      <h2 id="kyc-status-title">
        Status: <span class="kyc-status-word">{title}</span>
      </h2>
      <p>{text}</p>
      {state.rejectionReason && state.status === 'rejected' && (
        <p class="kyc-reason">
          <strong>Reviewer’s note:</strong> {state.rejectionReason}
        </p>
      )}
      {state.submittedAt && <p class="field-hint">Submitted {new Date(state.submittedAt).toLocaleString()}</p>}
      {state.status === 'approved' && (
        <a class="button button--primary" href="/studio/live">
          Open the live panel
        </a>
      )}
    </section>
  );
}

function Submitted({ state }: { state: KycState }) {
  if (!state.form) return null;
  const f = state.form;
  return (
    <section class="card" aria-labelledby="kyc-sent-title">
      <h2 id="kyc-sent-title">What you sent</h2>
      <dl class="kyc-facts">
        <dt>Legal name</dt>
        <dd>{f.legalName}</dd>
        <dt>Date of birth</dt>
        <dd>{f.dateOfBirth}</dd>
        <dt>ID</dt>
        <dd>
          {ID_TYPE_LABELS[f.idType]} from {f.country}, number ending {f.idNumberLast4}
        </dd>
        <dt>Stage names</dt>
        <dd>{f.stageNames.join(', ') || '—'}</dd>
        <dt>Documents</dt>
        <dd>{state.documents.map((d) => SIDE_LABELS[d.side]).join(', ')}</dd>
      </dl>
    </section>
  );
}

type Progress = Partial<Record<DocumentSide, number>>;
const LABELS: Record<string, [string, string]> = {
  legalName: ['Legal name', 'kyc-legal-name'],
  dateOfBirth: ['Date of birth', 'kyc-dob'],
  country: ['Issuing country', 'kyc-country'],
  idType: ['ID type', 'kyc-id-type'],
  idNumber: ['ID number', 'kyc-id-number'],
  stageNames: ['Stage names', 'kyc-stage-names'],
  consent: ['Consent', 'kyc-consent'],
  front: [SIDE_LABELS.front, 'kyc-file-front'],
  back: [SIDE_LABELS.back, 'kyc-file-back'],
  selfie: [SIDE_LABELS.selfie, 'kyc-file-selfie'],
};

function VerifyForm({ state, onChange }: { state: KycState; onChange: (state: KycState) => void }) {
  const form = useFormState();
  const saved = state.form;
  const [legalName, setLegalName] = useState(saved?.legalName ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(saved?.dateOfBirth ?? '');
  const [country, setCountry] = useState(saved?.country ?? '');
  const [idType, setIdType] = useState<IdType>(saved?.idType ?? 'passport');
  const [idNumber, setIdNumber] = useState('');
  const [stageNames, setStageNames] = useState((saved?.stageNames ?? []).join(', '));
  const [consent, setConsent] = useState(saved?.consent ?? false);
  const [files, setFiles] = useState<Partial<Record<DocumentSide, File>>>({});
  const [progress, setProgress] = useState<Progress>({});
  const [fileErrors, setFileErrors] = useState<FieldErrors>({});
  const countryList = useMemo(countries, []);
  const sides = requiredSides(idType);
  const fields = { ...form.fields.value, ...fileErrors };

  const body = () => ({
    legalName,
    dateOfBirth,
    country,
    idType,
    ...(idNumber.trim() ? { idNumber } : {}),
    stageNames: stageNames
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    consent,
  });

  const problemsFor = (submitting: boolean): FieldErrors => {
    const problems = schemaProblems(KycForm, body());
    if (!saved && !idNumber.trim()) problems.idNumber ??= 'Enter your ID number';
    for (const [side, file] of Object.entries(files) as [DocumentSide, File][]) {
      const problem = documentProblem(file);
      if (problem) problems[side] = problem;
    }
    if (submitting) {
      if (!consent) problems.consent ??= 'Give your consent to submit';
      for (const side of sides)
        if (!files[side] && !state.documents.some((d) => d.side === side))
          problems[side] ??= `Upload the ${SIDE_LABELS[side].toLowerCase()}`;
    }
    return problems;
  };

  /** Save the form, send each chosen file (each with its own progress bar), then submit if asked. */
  const send = async (submitting: boolean) => {
    setFileErrors({});
    await submitForm(form, problemsFor(submitting), async () => {
      let latest = await call(client.studio.verification.$put({ json: body() }));
      const chosen = (Object.entries(files) as [DocumentSide, File][]).filter(([side]) => sides.includes(side));
      setProgress(Object.fromEntries(chosen.map(([side]) => [side, 0])));
      const results = await Promise.allSettled(
        chosen.map(([side, file]) => uploadDocument(side, file, (f) => setProgress((p) => ({ ...p, [side]: f })))),
      );
      const failed: FieldErrors = {};
      results.forEach((result, i) => {
        const side = chosen[i]![0];
        if (result.status === 'fulfilled') latest = newest(latest, result.value);
        else
          failed[side] = result.reason instanceof ApiFailure ? result.reason.message : 'The upload failed; try again';
      });
      setFiles((current) => Object.fromEntries(Object.entries(current).filter(([side]) => failed[side])));
      setFileErrors(failed);
      if (Object.keys(failed).length > 0) {
        onChange(latest);
        throw new ApiFailure(400, 'VALIDATION_FAILED', 'Some documents did not upload', failed);
      }
      if (submitting) latest = await call(client.studio.verification.submit.$post());
      onChange(latest);
      toast(submitting ? 'Sent for review' : 'Draft saved');
    });
  };

  return (
    <form
      noValidate
      class="form card kyc-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send(true);
      }}
    >
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <fieldset class="kyc-group">
        <legend>About you</legend>
        <TextField
          id="kyc-legal-name"
          label="Legal name"
          hint="Exactly as it is printed on your ID."
          autoComplete="name"
          value={legalName}
          maxLength={120}
          onInput={(e: Event) => setLegalName((e.currentTarget as HTMLInputElement).value)}
          error={fields.legalName}
        />
        <TextField
          id="kyc-dob"
          type="date"
          label="Date of birth"
          hint="You must be 18 or over."
          autoComplete="bday"
          value={dateOfBirth}
          onInput={(e: Event) => setDateOfBirth((e.currentTarget as HTMLInputElement).value)}
          error={fields.dateOfBirth}
        />
        <TextField
          id="kyc-stage-names"
          label="Stage names"
          hint="Every name you perform under, separated by commas."
          value={stageNames}
          onInput={(e: Event) => setStageNames((e.currentTarget as HTMLInputElement).value)}
          error={fields.stageNames ?? Object.entries(fields).find(([k]) => k.startsWith('stageNames.'))?.[1]}
        />
      </fieldset>
      <fieldset class="kyc-group">
        <legend>Your ID</legend>
        <FieldShell id="kyc-id-type" label="ID type" error={fields.idType}>
          <select
            class="input"
            value={idType}
            onChange={(e) => setIdType(e.currentTarget.value as IdType)}
            {...fieldAria('kyc-id-type', false, fields.idType)}
          >
            {IdType.options.map((t) => (
              <option key={t} value={t}>
                {ID_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id="kyc-country" label="Issuing country" error={fields.country}>
          <select
            class="input"
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
            {...fieldAria('kyc-country', false, fields.country)}
          >
            <option value="">Choose a country</option>
            {countryList.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </FieldShell>
        <TextField
          id="kyc-id-number"
          label="ID number"
          autoComplete="off"
          spellcheck={false}
          value={idNumber}
          maxLength={40}
          hint={
            saved
              ? `Saved, ending ${saved.idNumberLast4}. Leave empty to keep it.`
              : 'As printed on the document. It is stored encrypted.'
          }
          onInput={(e: Event) => setIdNumber((e.currentTarget as HTMLInputElement).value)}
          error={fields.idNumber}
        />
      </fieldset>
      <fieldset class="kyc-group">
        <legend>Documents</legend>
        <p class="field-hint">
          JPEG, PNG or PDF, up to 10 MB each.{' '}
          {idType === 'passport' ? 'A passport needs only the photo page.' : 'Both sides of the card.'}
        </p>
        {sides.map((side) => (
          <DocumentPicker
            key={side}
            side={side}
            uploaded={state.documents.find((d) => d.side === side)}
            file={files[side]}
            progress={progress[side]}
            error={fields[side]}
            busy={form.busy.value}
            onChoose={(file) => {
              setFiles((f) => ({ ...f, [side]: file }));
              setProgress((p) => ({ ...p, [side]: undefined }));
              setFileErrors((e) => ({ ...e, [side]: (file && documentProblem(file)) || '' }));
            }}
          />
        ))}
      </fieldset>
      <div class={`field kyc-consent${fields.consent ? ' field--invalid' : ''}`}>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.currentTarget.checked)}
            {...fieldAria('kyc-consent', false, fields.consent)}
          />
          <span>
            I confirm these documents are mine, that I am 18 or over, and I consent to Encore checking and keeping them
            as the law requires.
          </span>
        </label>
        <FieldError id="kyc-consent" error={fields.consent} />
      </div>
      <div class="form-actions">
        <button type="button" class="button button--ghost" disabled={form.busy.value} onClick={() => void send(false)}>
          Save draft
        </button>
        <SubmitButton busy={form.busy.value}>
          {state.status === 'rejected' ? 'Resubmit for review' : 'Submit for review'}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Later answers list more documents; keep whichever state knows the most. */
function newest(a: KycState, b: KycState): KycState {
  return b.documents.length >= a.documents.length ? b : a;
}

type PickerProps = {
  side: DocumentSide;
  uploaded: KycDocumentInfo | undefined;
  file: File | undefined;
  progress: number | undefined;
  error: string | undefined;
  busy: boolean;
  onChoose: (file: File | undefined) => void;
};

function DocumentPicker({ side, uploaded, file, progress, error, busy, onChoose }: PickerProps) {
  const id = `kyc-file-${side}`;
  const hint = file
    ? `${file.name}, ${formatSize(file.size)}: uploads when you save or submit`
    : uploaded
      ? `Uploaded ${new Date(uploaded.uploadedAt).toLocaleDateString()} (${formatSize(uploaded.size)}). ` +
        'Choose a file to replace it.'
      : 'Not uploaded yet';
  return (
    <div class={`field kyc-file${error ? ' field--invalid' : ''}`} data-side={side}>
      <label for={id}>
        {SIDE_LABELS[side]}
        {uploaded && !file && <span class="kyc-done"> ✓ uploaded</span>}
      </label>
      <p id={`${id}-hint`} class="field-hint">
        {hint}
      </p>
      <input
        type="file"
        class="file-input"
        accept={KYC_DOCUMENT_TYPES.join(',')}
        disabled={busy}
        onChange={(e) => onChoose(e.currentTarget.files?.[0])}
        {...fieldAria(id, true, error || undefined)}
      />
      {progress !== undefined && (
        <div class="upload-status">
          <ProgressBar fraction={progress} label={`${SIDE_LABELS[side]} upload`} />
          <span class="field-hint">{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Uploaded'}</span>
        </div>
      )}
      <FieldError id={id} error={error || undefined} />
    </div>
  );
}
