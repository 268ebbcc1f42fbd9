import { useSignal } from '@preact/signals';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { currentUser } from '../../lib/session.ts';

/** Sends the verification link again, and says where it went. */
export function ResendVerification() {
  const busy = useSignal(false);
  const resend = async () => {
    busy.value = true;
    try {
      toast((await call(client.auth.email.verification.$post())).message);
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };
  return (
    <button type="button" class="button button--small" disabled={busy.value} onClick={resend}>
      Send the link again
    </button>
  );
}

/** Under the header while the signed-in account's email is unconfirmed. */
export function VerifyBanner() {
  const user = currentUser.value;
  if (!user || user.emailVerified) return null;
  return (
    <section class="verify-banner" aria-label="Confirm your email">
      <p>
        Confirm your email: we sent a link to <strong>{user.email}</strong>.
      </p>
      <ResendVerification />
    </section>
  );
}
