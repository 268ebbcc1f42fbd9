import { useState } from 'preact/hooks';
import { type RejectReason, TIP_MAX_TOKENS } from '../../../../wire/room.ts';
import { Icon } from '../../components/icon.tsx';
import { useSheet } from '../../lib/hooks/use-sheet.ts';
import { wallet } from '../../lib/wallet.ts';
import { TipWidget } from './lazy-tip-widget.tsx';
import { REASON_WORDS } from './reasons.ts';
import type { RoomConnection } from './room-connection.ts';

export const TIP_PRESETS = [10, 25, 50, 100, 500] as const;
const count = new Intl.NumberFormat();

type Props = { room: RoomConnection; signedIn: boolean; self: boolean; name: string; compact: boolean };

/**
 * The tip bar under the video: balance, preset amounts, a custom amount and Tip, one click from the full
 * form (note, private, anonymous) that opens in a dialog over the page, so the video stays where it is.
 * On a phone (`compact`) it is the balance and a Tip button; the dialog opens as a sheet over the chat.
 */
export function TipBar({ room, signedIn, self, name, compact }: Props) {
  // Not modal: the page stays usable (the chat, the video) while the form is open.
  const { sheet, opener, shown, open, close } = useSheet('button, input');
  const [custom, setCustom] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string; reason?: RejectReason } | null>(null);
  const balance = wallet.value?.balance;

  const tip = async (amount: number) => {
    if (busy || amount < 1 || amount > TIP_MAX_TOKENS) return;
    setBusy(true);
    setSaid(null);
    const result = await room.send({ type: 'tip.send', clientId: crypto.randomUUID(), amount });
    setBusy(false);
    if (result.ok) setCustom('');
    setSaid(
      result.ok
        ? { ok: true, text: `Thank you! You tipped ${count.format(amount)} ${amount === 1 ? 'token' : 'tokens'}.` }
        : { ok: false, text: REASON_WORDS[result.reason], reason: result.reason },
    );
  };

  let body: preact.ComponentChildren;
  if (self) body = <p class="tip-bar-note muted">This is your room; viewers tip you here.</p>;
  else if (!signedIn)
    body = (
      <a class="button button--primary" href={`/login?next=${encodeURIComponent(location.pathname)}`}>
        Log in to tip
      </a>
    );
  else if (!room.live.value) body = <p class="tip-bar-note tip-offline muted">Tips open when {name} is live.</p>;
  else if (compact)
    body = (
      <button type="button" class="button button--primary tip-bar-open" onClick={open} ref={opener}>
        <Icon name="coin" /> Tip
      </button>
    );
  else {
    const customAmount = /^\d+$/.test(custom) ? Number(custom) : 0;
    body = (
      <>
        <fieldset class="group tip-bar-presets">
          <legend class="visually-hidden">Tip an amount</legend>
          {TIP_PRESETS.map((value) => (
            <button key={value} type="button" class="button tip-preset" disabled={busy} onClick={() => tip(value)}>
              {/* Sends at once, so its name says so: "Tip 25 tokens". */}
              <span class="visually-hidden">Tip </span>
              <Icon name="coin" /> {value} <span class="visually-hidden">tokens</span>
            </button>
          ))}
        </fieldset>
        <form
          class="tip-bar-custom"
          onSubmit={(e) => {
            e.preventDefault();
            void tip(customAmount);
          }}
        >
          <label for="tip-bar-amount" class="visually-hidden">
            Custom amount in tokens
          </label>
          <input
            id="tip-bar-amount"
            class="input"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            placeholder="Tokens"
            value={custom}
            onInput={(e) => setCustom(e.currentTarget.value.replace(/\D/g, ''))}
          />
          <button type="submit" class="button button--primary" disabled={busy || customAmount < 1} aria-busy={busy}>
            Tip
          </button>
        </form>
        <button type="button" class="button button--ghost tip-bar-more" onClick={open} ref={opener}>
          More tip options
        </button>
      </>
    );
  }

  return (
    <section class="tip-bar" aria-label="Tip">
      {signedIn && !self && (
        <a class="tip-bar-balance" href="/wallet/buy" title="Buy tokens">
          <Icon name="coin" />
          <span class="visually-hidden">Your balance: </span>
          <strong>{balance === undefined ? '…' : count.format(balance)}</strong>
          <span class="tip-bar-balance-unit"> tokens</span>
          <span class="visually-hidden"> (buy tokens)</span>
        </a>
      )}
      {body}
      <p class={`tip-bar-said${said?.ok === false ? ' field-error' : ''}`} role="status">
        {said?.text}
        {said?.reason === 'INSUFFICIENT_FUNDS' && (
          <>
            {' '}
            <a href="/wallet/buy">Buy tokens</a>
          </>
        )}
      </p>
      {/* Only while tips are open: otherwise the bar already says why not, and once is enough. */}
      {signedIn && !self && room.live.value && (
        <dialog ref={sheet} class={`tip-sheet${compact ? ' tip-sheet--phone' : ''}`} aria-labelledby="tip-title">
          <TipWidget room={room} signedIn={signedIn} self={self} name={name} open={shown} />
          <button type="button" class="button button--ghost tip-sheet-close" onClick={close}>
            Close
          </button>
        </dialog>
      )}
    </section>
  );
}
