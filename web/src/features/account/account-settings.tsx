import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import { EmailChangeBody, type Me, PASSWORD_MIN_LENGTH, PasswordChangeBody } from '../../../../wire/account.ts';
import { FieldShell, fieldAria, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { RequireUser } from '../../components/require-user.tsx';
import { SettingsNav } from '../../components/settings-nav.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser, signOut } from '../../lib/session.ts';
import { AccountAppearance } from './account-appearance.tsx';
import { PasswordInput } from './password-input.tsx';
import { ResendVerification } from './verify-banner.tsx';
import { WarningsNotice } from './warnings-notice.tsx';
import '../../styles/settings.css';

const LABELS: Record<string, [string, string]> = {
  currentPassword: ['Current password', 'current-password'],
  newPassword: ['New password', 'new-password'],
};

export default function AccountSettings() {
  usePageTitle('Account settings');
  return (
    <div class="page settings-page">
      <h1>Settings</h1>
      <SettingsNav />
      <RequireUser>{(user) => <Account user={user} />}</RequireUser>
    </div>
  );
}

function Account({ user }: { user: Me }) {
  return (
    <>
      <WarningsNotice />
      <section class="card settings-section" aria-labelledby="account-title">
        <h2 id="account-title">Your account</h2>
        <dl class="facts">
          <dt>Email</dt>
          <dd>
            {user.email}{' '}
            {user.emailVerified ? (
              <span class="muted">(confirmed)</span>
            ) : (
              <>
                <span class="muted">(not confirmed yet)</span> <ResendVerification />
              </>
            )}
          </dd>
          <dt>Handle</dt>
          <dd>@{user.handle}</dd>
          <dt>Account type</dt>
          <dd>{user.role === 'performer' ? 'Performer' : 'Viewer'}</dd>
        </dl>
      </section>
      <AccountAppearance user={user} />
      <EmailChange />
      <PasswordChange />
      <Sessions />
    </>
  );
}

const EMAIL_LABELS: Record<string, [string, string]> = {
  newEmail: ['New email', 'new-email'],
  currentPassword: ['Current password', 'email-password'],
};

/** Nothing changes until the link sent to the new address is opened; the old address is told then. */
function EmailChange() {
  const form = useFormState();
  const fields = form.fields.value;
  const sent = useSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const values = formValues(element);
    await submitForm(form, schemaProblems(EmailChangeBody, values), async () => {
      // The values passed the schema check above.
      sent.value = (await call(client.auth.email.change.$post({ json: values as EmailChangeBody }))).message;
      element.reset();
    });
  };
  return (
    <section class="card settings-section" aria-labelledby="email-title">
      <h2 id="email-title">Change email</h2>
      {sent.value && (
        <div class="alert alert--success" role="status">
          <p class="alert-title">{sent.value}</p>
        </div>
      )}
      <FormAlert message={form.summary.value} fields={fields} labels={EMAIL_LABELS} />
      <form noValidate onSubmit={submit} class="form">
        <TextField
          id="new-email"
          name="newEmail"
          label="New email"
          type="email"
          autoComplete="email"
          error={fields.newEmail}
        />
        <FieldShell id="email-password" label="Current password" error={fields.currentPassword}>
          <PasswordInput
            name="currentPassword"
            autoComplete="current-password"
            {...fieldAria('email-password', false, fields.currentPassword)}
          />
        </FieldShell>
        <SubmitButton busy={form.busy.value}>Send confirmation link</SubmitButton>
      </form>
    </section>
  );
}

function PasswordChange() {
  const form = useFormState();
  const fields = form.fields.value;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const values = formValues(element);
    await submitForm(form, schemaProblems(PasswordChangeBody, values), async () => {
      // The values passed the schema check above.
      currentUser.value = (await call(client.auth.password.$post({ json: values as PasswordChangeBody }))).user;
      element.reset();
      toast('Password changed. Every other device has been signed out.');
    });
  };
  return (
    <section class="card settings-section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <form noValidate onSubmit={submit} class="form">
        <FieldShell id="current-password" label="Current password" error={fields.currentPassword}>
          <PasswordInput
            name="currentPassword"
            autoComplete="current-password"
            {...fieldAria('current-password', false, fields.currentPassword)}
          />
        </FieldShell>
        <FieldShell
          id="new-password"
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          error={fields.newPassword}
        >
          <PasswordInput
            name="newPassword"
            autoComplete="new-password"
            {...fieldAria('new-password', true, fields.newPassword)}
          />
        </FieldShell>
        <SubmitButton busy={form.busy.value}>Change password</SubmitButton>
      </form>
    </section>
  );
}

function Sessions() {
  const { route } = useLocation();
  const busy = useSignal(false);
  const leave = async (everywhere: boolean) => {
    busy.value = true;
    try {
      await signOut(everywhere);
      route('/');
      toast(everywhere ? 'Signed out on every device' : 'You are logged out');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };
  return (
    <section class="card settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p class="muted">
        Lost a phone or used a shared computer? Signing out everywhere ends every session, including this one.
      </p>
      <div class="button-row">
        <button type="button" class="button" disabled={busy.value} onClick={() => leave(false)}>
          Log out
        </button>
        <button type="button" class="button button--danger" disabled={busy.value} onClick={() => leave(true)}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
