import { useEffect, useRef, useState } from 'preact/hooks';
import type { PayoutAccountStatus } from '../../../../wire/money.ts';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';

const ACCOUNT: Record<PayoutAccountStatus, { label: string; about: string; action: string | null }> = {
  not_started: {
    label: 'Not started',
    about:
      'Tell us where to send your money. You can do it now, before anything is payable, ' +
      'so your first payout is not held up.',
    action: 'Set up payouts',
  },
  pending: {
    label: 'Pending',
    about: 'Setup is not finished yet, or the payout provider is still checking your details.',
    action: 'Continue setup',
  },
  active: { label: 'Active', about: 'Payouts you request are sent to this account.', action: null },
  action_needed: {
    label: 'Action needed',
    about: 'The payout provider needs more information from you before it can pay you.',
    action: 'Update details',
  },
};

/** The payout account's status and the one step that moves it on; open to every performer at any time. */
export function PayoutAccount({ status, onChange }: { status: PayoutAccountStatus; onChange: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const alertBox = useRef<HTMLDivElement>(null);
  const shown = ACCOUNT[status];

  // Back from onboarding with the browser's Back button, the page may be restored still busy.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setBusy(false);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  useEffect(() => {
    if (error) alertBox.current?.focus();
  }, [error]);

  const setUp = async () => {
    setBusy(true);
    setError('');
    try {
      const account = await call(client.studio['payout-account'].$post({ json: {} }));
      if (!account.ready && account.onboardingUrl) {
        location.assign(account.onboardingUrl); // stays busy while the browser leaves
        return;
      }
      toast(account.ready ? 'Your payout account is ready' : 'Payout setup is not available right now');
      await onChange().catch(() => undefined);
      setBusy(false);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <section class="payout-account" aria-labelledby="payout-account-title">
      <div class="payout-account-head">
        <h3 id="payout-account-title">Payout account</h3>
        <span class={`status-badge status-badge--account-${status}`}>{shown.label}</span>
      </div>
      <p class="muted">{shown.about}</p>
      {error && (
        <div class="alert alert--error" role="alert" tabIndex={-1} ref={alertBox}>
          <p class="alert-title">{error}</p>
        </div>
      )}
      {shown.action && (
        <button
          type="button"
          class={status === 'not_started' ? 'button button--primary' : 'button'}
          disabled={busy}
          aria-busy={busy}
          onClick={setUp}
        >
          {busy && <span class="spinner" aria-hidden="true" />}
          {shown.action}
        </button>
      )}
    </section>
  );
}
