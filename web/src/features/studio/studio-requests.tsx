import { useEffect, useState } from 'preact/hooks';
import {
  REQUEST_UNDO_MS,
  type RequestAction,
  RequestSettings,
  type RequestSettings as Settings,
  type SongRequest,
} from '../../../../wire/music.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { tokensText } from '../../lib/money.ts';
import type { RoomConnection } from '../room/room-connection.ts';
import { outcomeWords, REQUEST_STATUS_WORDS } from '../room/song-requests.tsx';
import { useRoomConnection } from '../room/use-room-connection.ts';
import '../../styles/requests.css';

const LABELS: Record<string, [string, string]> = {
  price: ['Price', 'requests-price'],
  bumpMinimum: ['Bump minimum', 'requests-bump'],
  maxQueue: ['Queue length', 'requests-max-queue'],
  maxPerViewer: ['Per viewer', 'requests-per-viewer'],
  blocklist: ['Blocklist', 'requests-blocklist'],
  expiryMinutes: ['Expiry', 'requests-expiry'],
};

/** The studio's "Requests": the queue to run during the show (phone-sized), then the settings. */
export default function StudioRequests({ handle }: { handle: string }) {
  const room = useRoomConnection(handle);
  return (
    <>
      <h1 class="console-title">Song requests</h1>
      <RequestQueuePanel room={room} />
      <SettingsPanel />
    </>
  );
}

export function RequestQueuePanel({ room }: { room: RoomConnection }) {
  const requests = room.requests.value;
  const open = requests?.open ?? false;
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    const result = await room.send({ type: 'request.open', clientId: crypto.randomUUID(), open: !open });
    setBusy(false);
    if (!result.ok) toast(outcomeWords(result));
  };
  const queue = requests?.queue ?? [];
  const move = (index: number, by: number) => {
    const ids = queue.filter((r) => r.status !== 'playing').map((r) => r.id);
    const from = ids.indexOf(queue[index]!.id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    void room.send({ type: 'request.reorder', clientId: crypto.randomUUID(), ids });
  };
  return (
    <section class="card studio-requests" aria-labelledby="studio-queue-title">
      <h2 id="studio-queue-title" class="room-panel-title">
        Queue
      </h2>
      <p class="button-row">
        <span>
          Requests are <strong>{open ? 'open' : 'closed'}</strong>
          {requests && <> · {tokensText(requests.price)} each</>}
        </span>
        <button type="button" class="button button--small" disabled={busy || !requests} onClick={toggle}>
          {open ? 'Close requests' : 'Open requests'}
        </button>
      </p>
      {!requests ? (
        <Loading label="Joining your room…" />
      ) : queue.length === 0 ? (
        <p class="muted">No requests waiting.</p>
      ) : (
        <ol class="request-list">
          {queue.map((request, i) => (
            <ManagedRequest
              key={request.id}
              request={request}
              position={i + 1}
              room={room}
              onMove={(by) => move(i, by)}
            />
          ))}
        </ol>
      )}
      {requests && requests.done.length > 0 && (
        <>
          <h3 class="song-requests-subtitle">Recently</h3>
          <ul class="request-list request-list--done">
            {requests.done.map((request) => (
              <ManagedRequest key={request.id} request={request} room={room} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ManagedRequest({
  request,
  position,
  room,
  onMove,
}: {
  request: SongRequest;
  position?: number;
  room: RoomConnection;
  onMove?: (by: number) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const act = async (action: RequestAction, why?: string) => {
    setBusy(true);
    setProblem('');
    const result = await room.send({
      type: 'request.manage',
      clientId: crypto.randomUUID(),
      requestId: request.id,
      action,
      ...(why ? { reason: why } : {}),
    });
    setBusy(false);
    if (!result.ok) setProblem(outcomeWords(result));
    else if (action === 'reject') setRejecting(false);
  };
  const waiting = request.status === 'pending' || request.status === 'queued';
  const undoUntil = request.status === 'played' && request.playedAt !== null ? request.playedAt + REQUEST_UNDO_MS : 0;
  const [, setExpired] = useState(false);
  // The Undo button goes when the minute is up (the Room refuses it from then on).
  useEffect(() => {
    if (undoUntil <= Date.now()) return;
    const timer = setTimeout(() => setExpired(true), undoUntil - Date.now());
    return () => clearTimeout(timer);
  }, [undoUntil]);
  const undoable = Date.now() < undoUntil;
  const name = `“${request.title}”`;
  return (
    <li class={`request-line request-line--${request.status}`}>
      <div class="request-main">
        {position !== undefined && <span class="request-position">{position}</span>}
        <span class="request-song">
          <strong>{request.title}</strong>
          {request.artist && <span class="request-artist"> · {request.artist}</span>}
        </span>
        <span class="request-tokens">{tokensText(request.tokens)}</span>
      </div>
      <p class="request-meta muted">
        {request.requester ? request.requester.displayName : 'Anonymous'} · {REQUEST_STATUS_WORDS[request.status]}
        {request.note && <> · “{request.note}”</>}
      </p>
      <div class="request-actions">
        {request.status === 'pending' && (
          <button
            type="button"
            class="button button--primary button--small"
            disabled={busy}
            onClick={() => act('accept')}
          >
            Accept <span class="visually-hidden">{name}</span>
          </button>
        )}
        {waiting && (
          <button type="button" class="button button--small" disabled={busy} onClick={() => act('playing')}>
            Playing now <span class="visually-hidden">{name}</span>
          </button>
        )}
        {(waiting || request.status === 'playing') && (
          <button type="button" class="button button--small" disabled={busy} onClick={() => act('played')}>
            Played <span class="visually-hidden">{name}</span>
          </button>
        )}
        {(waiting || request.status === 'playing') && !rejecting && (
          <button
            type="button"
            class="button button--ghost button--small"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            Reject <span class="visually-hidden">{name}</span>
          </button>
        )}
        {waiting && onMove && (
          <>
            <button type="button" class="button button--ghost button--small" disabled={busy} onClick={() => onMove(-1)}>
              Up <span class="visually-hidden">{name}</span>
            </button>
            <button type="button" class="button button--ghost button--small" disabled={busy} onClick={() => onMove(1)}>
              Down <span class="visually-hidden">{name}</span>
            </button>
          </>
        )}
        {undoable && (
          <button type="button" class="button button--ghost button--small" disabled={busy} onClick={() => act('undo')}>
            Undo played <span class="visually-hidden">{name}</span>
          </button>
        )}
      </div>
      {rejecting && (
        <form
          class="request-actions"
          onSubmit={(e) => {
            e.preventDefault();
            void act('reject', reason.trim());
          }}
        >
          <label class="request-reason">
            <span class="visually-hidden">Why you reject {name} (optional)</span>
            <input
              class="input"
              type="text"
              placeholder="Reason (optional)"
              maxLength={200}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button button--danger button--small" disabled={busy}>
            Reject and refund
          </button>
          <button type="button" class="button button--ghost button--small" onClick={() => setRejecting(false)}>
            Cancel
          </button>
        </form>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function SettingsPanel() {
  const [answer, reload, replace] = useResource(() => client.studio.requests.$get(), []);
  return (
    <section class="card" aria-labelledby="request-settings-title">
      <h2 id="request-settings-title" class="room-panel-title">
        Settings
      </h2>
      {answer.state === 'loading' && <Loading label="Loading your request settings…" />}
      {answer.state === 'failed' && (
        <ErrorState error={answer.error} retry={reload} title="Your request settings did not load" />
      )}
      {answer.state === 'ready' && (
        <SettingsForm settings={answer.data.settings} onSaved={(settings) => replace({ settings })} />
      )}
    </section>
  );
}

const digits = (value: string) => value.replace(/\D/g, '');
const numberOr = (value: string) => (/^\d+$/.test(value) ? Number(value) : Number.NaN);

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [open, setOpen] = useState(settings.open);
  const [price, setPrice] = useState(String(settings.price));
  const [bump, setBump] = useState(settings.bumpMinimum === null ? '' : String(settings.bumpMinimum));
  const [maxQueue, setMaxQueue] = useState(String(settings.maxQueue));
  const [perViewer, setPerViewer] = useState(String(settings.maxPerViewer));
  const [blocklist, setBlocklist] = useState(settings.blocklist.join('\n'));
  const [acceptFirst, setAcceptFirst] = useState(settings.acceptFirst);
  const [order, setOrder] = useState(settings.order);
  const [expiry, setExpiry] = useState(String(settings.expiryMinutes));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body: Settings = {
      open,
      price: numberOr(price),
      bumpMinimum: bump === '' ? null : numberOr(bump),
      maxQueue: numberOr(maxQueue),
      maxPerViewer: numberOr(perViewer),
      blocklist: blocklist
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      acceptFirst,
      order,
      expiryMinutes: numberOr(expiry),
    };
    await submitForm(form, schemaProblems(RequestSettings, body), async () => {
      const saved = await call(client.studio.requests.$put({ json: body }));
      toast('Request settings saved');
      onSaved(saved.settings);
    });
  };
  const numeric = (id: string, label: string, value: string, set: (v: string) => void, key: string, hint?: string) => (
    <FieldShell id={id} label={label} hint={hint} error={fields[key]}>
      <input
        class="input"
        type="text"
        inputMode="numeric"
        value={value}
        autocomplete="off"
        onInput={(e) => set(digits(e.currentTarget.value))}
        {...fieldAria(id, hint, fields[key])}
      />
    </FieldShell>
  );
  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <label class="tip-check">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} /> Requests open
      </label>
      <div class="request-settings">
        {numeric('requests-price', 'Price (tokens)', price, setPrice, 'price')}
        {numeric('requests-bump', 'Bump minimum (tokens)', bump, setBump, 'bumpMinimum', 'Empty: any amount')}
        {numeric('requests-max-queue', 'Queue length', maxQueue, setMaxQueue, 'maxQueue')}
        {numeric('requests-per-viewer', 'Requests per viewer', perViewer, setPerViewer, 'maxPerViewer')}
        {numeric('requests-expiry', 'Refund after (minutes)', expiry, setExpiry, 'expiryMinutes', 'Not played by then')}
        <FieldShell id="requests-order" label="Order">
          <select
            id="requests-order"
            class="input"
            value={order}
            onChange={(e) => setOrder(e.currentTarget.value as Settings['order'])}
          >
            <option value="first_come">First come</option>
            <option value="most_tokens">Most tokens first</option>
          </select>
        </FieldShell>
      </div>
      <label class="tip-check">
        <input type="checkbox" checked={acceptFirst} onChange={(e) => setAcceptFirst(e.currentTarget.checked)} /> Accept
        each request before it joins the queue
      </label>
      <FieldShell
        id="requests-blocklist"
        label="Blocklist"
        hint="One word or artist per line; requests naming them are refused."
        error={fields.blocklist}
      >
        <textarea
          class="input"
          rows={3}
          value={blocklist}
          onInput={(e) => setBlocklist(e.currentTarget.value)}
          {...fieldAria('requests-blocklist', true, fields.blocklist)}
        />
      </FieldShell>
      <SubmitButton busy={form.busy.value}>Save settings</SubmitButton>
    </form>
  );
}
