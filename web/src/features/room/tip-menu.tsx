import { useEffect, useRef, useState } from 'preact/hooks';
import type { TipDevice } from '../../../../wire/devices.ts';
import type { RejectReason } from '../../../../wire/room.ts';
import type { MenuItem } from '../../../../wire/tip-menu.ts';
import { Icon } from '../../components/icon.tsx';
import { tokensText } from '../../lib/money.ts';
import { MenuPrice, priceFor } from '../fan-club/member-price.tsx';
import { REASON_WORDS } from './reasons.ts';
import type { RoomConnection } from './room-connection.ts';
import { deviceWords, TipDeviceNote } from './tip-device-note.tsx';
import '../../styles/room-goals.css';

type Outcome =
  | { ok: true; label: string; device?: TipDevice }
  | { ok: false; reason: RejectReason; message: string }
  | null;

/**
 * The performer's tip menu: tap an item, confirm, and the tip for its price is sent with the
 * item's id (the Room checks the price). Hidden when the performer has no menu.
 */
export function TipMenuList({ room, signedIn, self }: { room: RoomConnection; signedIn: boolean; self: boolean }) {
  const items = room.menu.value;
  const live = room.live.value;
  const member = Boolean(room.you.value?.fanClub);
  const [chosen, setChosen] = useState<MenuItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<string | null>(null);
  useEffect(() => {
    if (chosen) confirmButton.current?.focus();
  }, [chosen]);
  // An item the performer removed or repriced while the confirm was open is not sent at the old price.
  const current = chosen
    ? items.find((i) => i.id === chosen.id && priceFor(i, member) === priceFor(chosen, member))
    : undefined;
  if (items.length === 0) return null;

  const back = () => {
    setChosen(null);
    const id = opener.current;
    if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  const send = async () => {
    if (!current || busy) return;
    setBusy(true);
    const result = await room.send({
      type: 'tip.send',
      clientId: crypto.randomUUID(),
      amount: priceFor(current, member),
      menuItemId: current.id,
    });
    setBusy(false);
    setOutcome(
      result.ok
        ? { ok: true, label: current.label, device: result.device }
        : { ok: false, reason: result.reason, message: result.message },
    );
    back();
  };

  return (
    <section class="card tip-menu" aria-labelledby="tip-menu-title">
      <h2 id="tip-menu-title" class="room-panel-title">
        <Icon name="star" /> Tip menu
      </h2>
      <ul class="tip-menu-list">
        {items.map((item) => (
          <li key={item.id} class="tip-menu-item">
            {signedIn && !self && live ? (
              <button
                type="button"
                id={`menu-${item.id}`}
                class="tip-menu-choice"
                aria-haspopup="true"
                onClick={() => {
                  opener.current = `menu-${item.id}`;
                  setOutcome(null);
                  setChosen(item);
                }}
              >
                <span class="tip-menu-label">{item.label}</span>
                <MenuPrice item={item} member={member} />
              </button>
            ) : (
              <p class="tip-menu-choice tip-menu-choice--static">
                <span class="tip-menu-label">{item.label}</span>
                <MenuPrice item={item} member={member} />
              </p>
            )}
          </li>
        ))}
      </ul>
      {!signedIn && (
        <p class="muted">
          <a href={`/login?next=${encodeURIComponent(location.pathname)}`}>Log in</a> to tip for an item.
        </p>
      )}
      {signedIn && !self && !live && <p class="muted">The menu opens for tips when the show is live.</p>}
      {chosen && live && (
        <fieldset
          class="group tip-menu-confirm"
          aria-labelledby="tip-menu-question"
          onKeyDown={(e) => e.key === 'Escape' && back()}
        >
          {current ? (
            <p id="tip-menu-question">
              Tip <strong>{tokensText(priceFor(current, member))}</strong> for “{current.label}”?
            </p>
          ) : (
            <p id="tip-menu-question" role="alert">
              That item just changed on the menu; pick it again.
            </p>
          )}
          {current && (
            <TipDeviceNote
              room={room}
              amount={priceFor(current, member)}
              menuItem={{ label: current.label, reaction: current.deviceAction }}
            />
          )}
          <p class="button-row">
            <button
              type="button"
              class="button button--primary"
              ref={confirmButton}
              disabled={!current || busy}
              aria-busy={busy}
              onClick={send}
            >
              {busy && <span class="spinner" aria-hidden="true" />}Yes, tip
            </button>
            <button type="button" class="button button--ghost" disabled={busy} onClick={back}>
              Cancel
            </button>
          </p>
        </fieldset>
      )}
      {outcome?.ok && (
        <p class="tip-outcome tip-outcome--ok" role="status">
          Thank you! You tipped for “{outcome.label}”.{deviceWords(outcome.device)}
        </p>
      )}
      {outcome && !outcome.ok && (
        <p class="tip-outcome field-error" role="alert">
          {outcome.reason === 'INVALID' ? outcome.message : REASON_WORDS[outcome.reason]}
          {outcome.reason === 'INSUFFICIENT_FUNDS' && (
            <>
              {' '}
              <a href="/wallet/buy">Buy tokens</a>
            </>
          )}
        </p>
      )}
    </section>
  );
}
