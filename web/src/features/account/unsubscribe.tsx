import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import '../../styles/auth.css';

/** Where a notification email's "stop these emails" link leads: one button, no sign-in. */
export default function Unsubscribe() {
  usePageTitle('Unsubscribe');
  const { query } = useLocation();
  const outcome = useSignal<{ ok: boolean; text: string } | null>(null);
  const busy = useSignal(false);
  const confirm = async () => {
    busy.value = true;
    try {
      const { message } = await call(client.notifications.unsubscribe.$post({ query: { token: query.token ?? '' } }));
      outcome.value = { ok: true, text: message };
    } catch (error) {
      outcome.value = { ok: false, text: messageOf(error) };
    } finally {
      busy.value = false;
    }
  };
  return (
    <div class="page auth-page">
      <div class="auth-card" aria-live="polite">
        <h1>Stop notification emails</h1>
        {outcome.value ? (
          <div class={`alert ${outcome.value.ok ? 'alert--success' : 'alert--error'}`} role="status">
            <p class="alert-title">{outcome.value.text}</p>
          </div>
        ) : (
          <>
            <p>
              You will no longer get an email when performers you follow go live. Emails about your account still come.
            </p>
            <button type="button" class="button button--primary button--block" disabled={busy.value} onClick={confirm}>
              Unsubscribe
            </button>
          </>
        )}
      </div>
    </div>
  );
}
