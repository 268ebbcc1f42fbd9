import { useEffect, useState } from 'preact/hooks';
import type { Membership } from '../../../../wire/fan-club.ts';
import { ApiFailure, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { tokensText } from '../../lib/money.ts';
import { currentUser } from '../../lib/session.ts';
import { absoluteDate } from '../../lib/time.ts';
import { joinAsked } from './fan-club-badge.tsx';
import { FanClubDialog } from './fan-club-dialog.tsx';
import '../../styles/fan-club.css';

/**
 * A performer's fan club where viewers meet it (the room page and the profile): what it costs and a Join
 * button; for a member, the membership with its renewal date and Cancel. Nothing when the club is off or
 * the performer is looking at their own page.
 */
export function FanClubJoin({ handle }: { handle: string }) {
  const [view, reload, replace] = useResource(
    () => client.performers[':handle']['fan-club'].$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle, currentUser.value?.id],
  );
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  // The chat box's "Join the fan club" (after a fan-club-only refusal) opens the dialog here.
  const asked = joinAsked.value;
  useEffect(() => {
    if (asked > 0 && view.state === 'ready' && !view.data.membership?.member) setOpen(true);
  }, [asked]);

  if (currentUser.value?.handle === handle) return null;
  if (view.state === 'loading')
    return (
      <div class="fan-club-panel" aria-busy="true">
        <span class="skeleton fan-club-skeleton" />
        <span class="visually-hidden">Loading the fan club…</span>
      </div>
    );
  if (view.state === 'failed')
    return (
      <div class="fan-club-panel">
        <p class="muted">
          The fan club did not load.{' '}
          <button type="button" class="link-button" onClick={reload}>
            Try again
          </button>
        </p>
      </div>
    );
  const { club, membership } = view.data;
  if (!club.enabled && !membership?.member) return null;
  const joined = (next: Membership) => {
    replace({ club, membership: next });
    setOpen(false);
    setNote(`Welcome to ${club.displayName}’s fan club!`);
  };
  return (
    <div class="fan-club-panel" id="fan-club">
      {membership?.member ? (
        <MemberState handle={handle} membership={membership} onChange={(next) => replace({ club, membership: next })} />
      ) : currentUser.value ? (
        <button type="button" class="button button--small fan-club-join" onClick={() => setOpen(true)}>
          <span aria-hidden="true">♥</span> Join fan club · {tokensText(club.priceTokens)}/month
        </button>
      ) : (
        <a class="button button--small fan-club-join" href={`/login?next=${encodeURIComponent(location.pathname)}`}>
          <span aria-hidden="true">♥</span> Log in to join the fan club
        </a>
      )}
      {note && (
        <p class="fan-club-note" role="status">
          {note}
        </p>
      )}
      {open && <FanClubDialog club={club} onJoined={joined} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** A member's line: when it renews (or ends), a grace warning, and Cancel. */
function MemberState({
  handle,
  membership,
  onChange,
}: {
  handle: string;
  membership: Membership;
  onChange: (next: Membership) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const cancel = async () => {
    setBusy(true);
    setProblem('');
    try {
      const answer = await call(
        client.performers[':handle']['fan-club'].cancel.$post({ param: { handle: encodeURIComponent(handle) } }),
      );
      onChange(answer.membership);
      setConfirming(false);
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.message : messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="fan-club-member">
      <p>
        <span class="badge chat-badge chat-badge--fan-club">
          <span aria-hidden="true">♥ </span>Fan club member
        </span>{' '}
        <span class="muted">{membershipWords(membership)}</span>
      </p>
      {membership.status === 'grace' && (
        <p class="field-error">
          Your renewal could not be paid. <a href="/wallet/buy">Buy tokens</a> before{' '}
          {absoluteDate(membership.graceUntil ?? membership.periodEnd)} to keep your membership.
        </p>
      )}
      {membership.renews && !confirming && (
        <button type="button" class="button button--small button--ghost" onClick={() => setConfirming(true)}>
          Cancel membership
        </button>
      )}
      {confirming && (
        <fieldset class="group fan-club-confirm">
          <legend class="visually-hidden">Cancel your membership</legend>
          <p>
            Stop renewing? You stay a member until {absoluteDate(membership.periodEnd)}; nothing is refunded or charged.
          </p>
          <p class="button-row">
            <button type="button" class="button button--small" disabled={busy} aria-busy={busy} onClick={cancel}>
              Yes, cancel
            </button>
            <button
              type="button"
              class="button button--small button--ghost"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </p>
        </fieldset>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** "Renews on 3 Jan for 100 tokens", "Ends on 3 Jan", as a member reads it. */
export function membershipWords(membership: Membership): string {
  const end = absoluteDate(membership.periodEnd);
  if (membership.status === 'grace') return `Renewal due since ${end}`;
  if (!membership.renews) return `Ends on ${end} (cancelled)`;
  const price = membership.nextPriceTokens ?? membership.priceTokens;
  return `Renews on ${end} for ${tokensText(price)}`;
}
