import { useState } from 'preact/hooks';
import type { TipDevice } from '../../../../wire/devices.ts';
import { type RejectReason, TIP_MAX_TOKENS, TIP_NOTE_MAX_CHARS } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { wallet } from '../../lib/wallet.ts';
import { REASON_WORDS } from './reasons.ts';
import type { RoomConnection } from './room-connection.ts';
import { deviceWords, TipDeviceNote } from './tip-device-note.tsx';

const PRESETS = [10, 25, 50, 100, 500] as const;
const count = new Intl.NumberFormat();
type Outcome = { ok: true; amount: number; device?: TipDevice } | { ok: false; reason: RejectReason } | null;

/** The full tip form (the tip bar's dialog): presets or a custom amount, an optional (private) note, anonymous. */
export function TipWidget({
  room,
  signedIn,
  self,
  name,
}: {
  room: RoomConnection;
  signedIn: boolean;
  self: boolean;
  name: string;
}) {
  const [preset, setPreset] = useState<number | null>(25);
  const [custom, setCustom] = useState('');
  const [note, setNote] = useState('');
  const [privateNote, setPrivateNote] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const amount = preset ?? (/^\d+$/.test(custom) ? Number(custom) : 0);
  const valid = amount >= 1 && amount <= TIP_MAX_TOKENS && note.length <= TIP_NOTE_MAX_CHARS;
  const balance = wallet.value?.balance;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setOutcome(null);
    const text = note.trim();
    const result = await room.send({
      type: 'tip.send',
      clientId: crypto.randomUUID(),
      amount,
      ...(text ? { note: text, private: privateNote } : {}),
      anonymous,
    });
    setBusy(false);
    setOutcome(result.ok ? { ok: true, amount, device: result.device } : { ok: false, reason: result.reason });
    if (result.ok) setNote('');
  };

  return (
    <section class="tip-widget" aria-labelledby="tip-title">
      <h2 id="tip-title" class="room-panel-title">
        <Icon name="coin" /> Send a tip to {name}
      </h2>
      <div id="tip-body">
        {self ? (
          <p class="muted">This is your room; viewers tip you here.</p>
        ) : !signedIn ? (
          <p>
            <a class="button button--primary" href={`/login?next=${encodeURIComponent(location.pathname)}`}>
              Log in to tip
            </a>
          </p>
        ) : !room.live.value ? (
          // The Room takes tips only during a show (ROOM_OFFLINE otherwise): say so before anyone picks an amount.
          <p class="tip-offline muted">Tips open when {name} is live.</p>
        ) : (
          <form class="tip-form" onSubmit={submit}>
            <p class="tip-balance">
              Balance: <strong>{balance === undefined ? '…' : `${count.format(balance)} tokens`}</strong>
              {' · '}
              <a href="/wallet/buy">Buy tokens</a>
            </p>
            <fieldset class="group tip-presets" aria-label="Amount">
              {PRESETS.map((value) => (
                <button
                  key={value}
                  type="button"
                  class="button tip-preset"
                  aria-pressed={preset === value}
                  onClick={() => setPreset(value)}
                >
                  {value} <span class="visually-hidden">tokens</span>
                </button>
              ))}
            </fieldset>
            <div class="field">
              <label for="tip-custom">Custom amount</label>
              <input
                id="tip-custom"
                class="input"
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                autocomplete="off"
                value={custom}
                placeholder="Tokens"
                onFocus={() => setPreset(null)}
                onInput={(e) => {
                  setPreset(null);
                  setCustom(e.currentTarget.value.replace(/\D/g, ''));
                }}
              />
            </div>
            <TipDeviceNote room={room} amount={valid ? amount : 0} />
            <div class="field">
              <label for="tip-note">
                Note <span class="muted">(optional)</span>
              </label>
              <textarea
                id="tip-note"
                class="input textarea"
                rows={2}
                value={note}
                aria-describedby="tip-note-count"
                aria-invalid={note.length > TIP_NOTE_MAX_CHARS}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <p id="tip-note-count" class={`counter${note.length > TIP_NOTE_MAX_CHARS ? ' counter--over' : ''}`}>
                {note.length} / {TIP_NOTE_MAX_CHARS} characters
              </p>
            </div>
            <label class="tip-check">
              <input type="checkbox" checked={privateNote} onChange={(e) => setPrivateNote(e.currentTarget.checked)} />
              <span>
                Private note <span class="muted">(only {name} sees it)</span>
              </span>
            </label>
            <label class="tip-check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />{' '}
              <span>Tip anonymously</span>
            </label>
            <SubmitButton busy={busy} disabled={!valid} class="button--block">
              {amount >= 1 ? `Tip ${count.format(amount)} ${amount === 1 ? 'token' : 'tokens'}` : 'Tip'}
            </SubmitButton>
            <TipOutcome outcome={outcome} />
          </form>
        )}
      </div>
    </section>
  );
}

function TipOutcome({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <p class="visually-hidden" role="status" />;
  if (outcome.ok)
    return (
      <p class="tip-outcome tip-outcome--ok" role="status">
        Thank you! You tipped {count.format(outcome.amount)} tokens.{deviceWords(outcome.device)}
      </p>
    );
  const next = `/login?next=${encodeURIComponent(location.pathname)}`;
  return (
    <p class="tip-outcome field-error" role="alert">
      {REASON_WORDS[outcome.reason]}
      {outcome.reason === 'INSUFFICIENT_FUNDS' && (
        <>
          {' '}
          <a href="/wallet/buy">Buy tokens</a>
        </>
      )}
      {outcome.reason === 'SIGN_IN_REQUIRED' && (
        <>
          {' '}
          <a href={next}>Log in</a>
        </>
      )}
    </p>
  );
}
