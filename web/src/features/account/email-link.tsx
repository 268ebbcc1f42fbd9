import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LinkToken } from '../../../../wire/account.ts';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser, loadSession } from '../../lib/session.ts';
import { ResendVerification } from './verify-banner.tsx';
import '../../styles/auth.css';

type Kind = 'verify' | 'confirm';

const COPY: Record<Kind, { title: string; done: string }> = {
  verify: { title: 'Confirming your email', done: 'Your email address is confirmed. Thank you!' },
  confirm: { title: 'Confirming your new email', done: 'Your account now uses this email address.' },
};

/** The pages verification and email-change emails link to: they spend the link's token at once. */
function EmailLink({ kind }: { kind: Kind }) {
  usePageTitle(COPY[kind].title);
  const { query } = useLocation();
  const state = useSignal<'working' | 'done' | string>('working');
  useEffect(() => {
    const token = LinkToken.safeParse(query.token ?? '');
    if (!token.success) {
      state.value = 'This link is incomplete; open it again from the email.';
      return;
    }
    const json = { token: token.data };
    const send =
      kind === 'verify' ? client.auth.email.verify.$post({ json }) : client.auth.email.confirm.$post({ json });
    call(send)
      .then(async () => {
        state.value = 'done';
        if (currentUser.value) await loadSession();
      })
      .catch((error: unknown) => {
        state.value = messageOf(error);
      });
  }, []);
  return (
    <div class="page auth-page">
      <div class="auth-card" aria-live="polite">
        <h1>{COPY[kind].title}</h1>
        {state.value === 'working' && <p class="muted">One moment…</p>}
        {state.value === 'done' && (
          <div class="alert alert--success" role="status">
            <p class="alert-title">{COPY[kind].done}</p>
            <p>
              <a href={currentUser.value ? '/' : '/login'}>{currentUser.value ? 'Go to Encore' : 'Log in'}</a>
            </p>
          </div>
        )}
        {state.value !== 'working' && state.value !== 'done' && (
          <div class="alert alert--error" role="alert">
            <p class="alert-title">{state.value}</p>
            {kind === 'verify' && currentUser.value && !currentUser.value.emailVerified && <ResendVerification />}
          </div>
        )}
      </div>
    </div>
  );
}

export const VerifyEmail = () => <EmailLink kind="verify" />;
export const ConfirmEmail = () => <EmailLink kind="confirm" />;
