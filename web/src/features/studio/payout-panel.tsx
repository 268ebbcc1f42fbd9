import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EarningsResponse, Payout, PayoutBlocker, PayoutStatus } from '../../../../wire/money.ts';
import { MoneyIcon } from '../../components/money-icons.tsx';
import { EmptyState } from '../../components/states.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { faceValue, tokensText } from '../../lib/money.ts';
import { absoluteDate, absoluteTime } from '../../lib/time.ts';
import { PayoutAccount } from './payout-account.tsx';

type Props = { earnings: EarningsResponse; onChange: () => Promise<void> };

const STATUS: Record<PayoutStatus, [label: string, about: string]> = {
  requested: ['Requested', 'Waiting for review'],
  approved: ['Approved', 'Approved and being sent'],
  paid: ['Paid', 'Sent to your payout account'],
  failed: ['Failed', 'The transfer failed; the amount went back to your earnings'],
};

/** A fresh key per click; a retry of the same click reuses it, so the payout lands at most once. */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends a money write, retrying with the same key while the outcome is unknown (no answer at all). */
async function sendOnce<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === 'NETWORK') || attempt >= 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
    }
  }
}

/** Payable amount, the rules, the request button (or why it is not available), and past payouts. */
export function PayoutPanel({ earnings, onChange }: Props) {
  const [busy, setBusy] = useState<'request' | null>(null);
  const [error, setError] = useState('');
  const alertBox = useRef<HTMLDivElement>(null);
  const blocker = earnings.payoutBlocker;

  useEffect(() => {
    if (error) alertBox.current?.focus();
  }, [error]);

  const request = async () => {
    const key = idempotencyKey();
    setBusy('request');
    setError('');
    try {
      const { payout } = await sendOnce(() =>
        call(client.studio.payouts.$post({ header: { 'idempotency-key': key } })),
      );
      toast(`Payout of ${faceValue(payout.amount)} requested`);
      await onChange().catch(() => undefined); // the payout stands even if the refresh does not load
    } catch (failure) {
      setError(messageOf(failure));
      // The rules may have changed under us (a payout from another tab, say): show the current reason.
      if (failure instanceof ApiFailure && failure.code === 'PAYOUT_NOT_ALLOWED')
        await onChange().catch(() => undefined);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card payout-card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payouts</h2>
      <dl class="payout-facts">
        <div>
          <dt>Payable now</dt>
          <dd>
            <span class="payout-payable">{faceValue(earnings.payable)}</span>{' '}
            <span class="muted">{tokensText(earnings.payable)}</span>
          </dd>
        </div>
        <div>
          <dt>Minimum payout</dt>
          <dd>{faceValue(earnings.payoutMinimum)}</dd>
        </div>
        <div>
          <dt>On hold</dt>
          <dd>{faceValue(earnings.pending)}</dd>
        </div>
      </dl>
      <p class="muted payout-rules">
        Tips become payable {earnings.holdDays} {earnings.holdDays === 1 ? 'day' : 'days'} after they arrive, in case a
        payment is disputed. You can request one payout a week of everything payable, once it reaches{' '}
        {faceValue(earnings.payoutMinimum)}; it is sent after an admin approves it.
      </p>

      <PayoutAccount status={earnings.payoutAccount} onChange={onChange} />

      {error && (
        <div class="alert alert--error" role="alert" tabIndex={-1} ref={alertBox}>
          <p class="alert-title">{error}</p>
        </div>
      )}

      <div class="payout-action">
        <button
          type="button"
          class="button button--primary"
          disabled={blocker !== null || busy !== null}
          aria-busy={busy === 'request'}
          aria-describedby={blocker ? 'payout-blocker' : undefined}
          onClick={request}
        >
          {busy === 'request' && <span class="spinner" aria-hidden="true" />}
          Request payout
        </button>
        {blocker && (
          <div class="payout-blocker">
            <p id="payout-blocker">
              <MoneyIcon name={blocker === 'ALREADY_THIS_WEEK' ? 'clock' : 'lock'} class="payout-blocker-icon" />
              {blockerText(blocker, earnings)}
            </p>
            {blocker === 'KYC_NOT_APPROVED' && (
              <a class="button" href="/studio/verification">
                Verify your identity
              </a>
            )}
          </div>
        )}
      </div>

      <h3 class="payout-history-title">Payout history</h3>
      {earnings.payouts.length === 0 ? (
        <EmptyState title="No payouts yet" icon="send">
          <p>Payouts you request will be listed here with their status.</p>
        </EmptyState>
      ) : (
        <ul class="payout-list">
          {earnings.payouts.map((payout) => (
            <PayoutRow key={payout.id} payout={payout} />
          ))}
        </ul>
      )}
    </section>
  );
}

function blockerText(blocker: PayoutBlocker, e: EarningsResponse): ComponentChildren {
  switch (blocker) {
    case 'KYC_NOT_APPROVED':
      return 'Payouts open once your identity is verified: we need an ID document and a selfie first.';
    case 'BELOW_MINIMUM':
      return (
        `You can request a payout once at least ${faceValue(e.payoutMinimum)} is payable; ` +
        `right now ${faceValue(e.payable)} is.`
      );
    case 'ALREADY_THIS_WEEK':
      return (
        'You have already requested a payout this week. ' +
        'Payouts are weekly, so you can request the next one next week.'
      );
    case 'NO_PAYOUT_ACCOUNT':
      return e.payoutAccount === 'not_started'
        ? 'Set up your payout account above first, so we know where to send your money.'
        : 'Your payout account is not active yet: finish its setup above.';
  }
}

function PayoutRow({ payout }: { payout: Payout }) {
  const [label, about] = STATUS[payout.status] ?? [payout.status, ''];
  return (
    <li class="payout-row">
      <div class="payout-main">
        <p class="payout-amount">
          {faceValue(payout.amount)} <span class="muted">{tokensText(payout.amount)}</span>
        </p>
        <p class="payout-meta">
          Requested{' '}
          <time dateTime={payout.requestedAt} title={absoluteTime(payout.requestedAt)}>
            {absoluteDate(payout.requestedAt)}
          </time>
          {about && ` · ${about}`}
        </p>
        {payout.failureReason && <p class="payout-failure">Reason: {payout.failureReason}</p>}
      </div>
      <span class={`status-badge status-badge--${payout.status}`}>{label}</span>
    </li>
  );
}
