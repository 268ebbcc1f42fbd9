import { useEffect, useRef, useState } from 'preact/hooks';
import {
  FAN_CLUB_GRACE_DAYS,
  FAN_CLUB_PERIOD_DAYS,
  type FanClubOffer,
  type Membership,
} from '../../../../wire/fan-club.ts';
import { ApiFailure, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { tokensText } from '../../lib/money.ts';
import { publishWallet, refreshWallet, wallet } from '../../lib/wallet.ts';

/**
 * Joining a fan club, in a modal dialog (the platform's <dialog>: focus moves in and stays, Escape closes,
 * focus returns to the opener): the price, the perks, what happens at renewal, the wallet against the price,
 * then confirm. One idempotency key per dialog, kept across retries, so a double click or a resend after a
 * dropped answer joins (and charges) once.
 */
export function FanClubDialog({
  club,
  onJoined,
  onClose,
}: {
  club: FanClubOffer;
  onJoined: (membership: Membership) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [key] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [insufficient, setInsufficient] = useState(false);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    const opener = document.activeElement as HTMLElement | null;
    box.showModal();
    void refreshWallet();
    return () => {
      if (box.open) box.close();
      opener?.focus();
    };
  }, []);

  const balance = wallet.value?.balance;
  const short = balance !== undefined && balance < club.priceTokens;
  const join = async () => {
    if (busy) return;
    setBusy(true);
    setProblem('');
    try {
      const answer = await call(
        client.performers[':handle']['fan-club'].join.$post({
          param: { handle: encodeURIComponent(club.handle) },
          json: { idempotencyKey: key },
        }),
      );
      if (wallet.value) publishWallet({ ...wallet.value, balance: answer.balance });
      onJoined(answer.membership);
    } catch (error) {
      setInsufficient(error instanceof ApiFailure && error.code === 'INSUFFICIENT_FUNDS');
      setProblem(messageOf(error));
      void refreshWallet();
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="fan-club-dialog" aria-labelledby="fan-club-title" onClose={onClose} onCancel={onClose}>
      <h2 id="fan-club-title">Join {club.displayName}’s fan club</h2>
      <p class="fan-club-price">
        <strong>{tokensText(club.priceTokens)}</strong> for {FAN_CLUB_PERIOD_DAYS} days
      </p>
      {club.perks.length > 0 ? (
        <>
          <h3 class="fan-club-subtitle">Members get</h3>
          <ul class="fan-club-perks">
            {club.perks.map((perk) => (
              <li key={perk}>{perk}</li>
            ))}
            <li>A fan-club badge beside your name in {club.displayName}’s chat</li>
          </ul>
        </>
      ) : (
        <p>Members get a fan-club badge beside their name in {club.displayName}’s chat.</p>
      )}
      <h3 class="fan-club-subtitle">At renewal</h3>
      <p class="muted">
        The first {FAN_CLUB_PERIOD_DAYS} days are charged now. Your membership then renews from your wallet every{' '}
        {FAN_CLUB_PERIOD_DAYS} days at the club’s price. If your wallet cannot pay, you are told and have{' '}
        {FAN_CLUB_GRACE_DAYS} days to top up before it lapses. Cancel any time: you stay a member to the end of the
        period you paid for.
      </p>
      <p class="fan-club-balance" aria-live="polite">
        {balance === undefined ? (
          'Checking your balance…'
        ) : short ? (
          <>
            You have {tokensText(balance)}: {tokensText(club.priceTokens - balance)} short.{' '}
            <a href="/wallet/buy">Buy tokens</a>
          </>
        ) : (
          <>
            You have {tokensText(balance)}; {tokensText(balance - club.priceTokens)} left after joining.
          </>
        )}
      </p>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
          {insufficient && (
            <>
              {' '}
              <a href="/wallet/buy">Buy tokens</a>
            </>
          )}
        </p>
      )}
      <p class="button-row">
        <button type="button" class="button button--primary" disabled={busy || short} aria-busy={busy} onClick={join}>
          {busy && <span class="spinner" aria-hidden="true" />}Join for {tokensText(club.priceTokens)}
        </button>
        <button type="button" class="button button--ghost" disabled={busy} onClick={onClose}>
          Not now
        </button>
      </p>
    </dialog>
  );
}
