import { useLocation } from 'preact-iso';
import { ResetPasswordBody as Body, PASSWORD_MIN_LENGTH, type ResetPasswordBody } from '../../../../wire/account.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser, landingFor } from '../../lib/session.ts';
import { PasswordInput } from './password-input.tsx';
import '../../styles/auth.css';

const LABELS: Record<string, [string, string]> = {
  newPassword: ['New password', 'reset-password'],
  token: ['Link', 'reset-password'],
};

/** The page a reset email links to: one new password, then signed in here and out everywhere else. */
export default function ResetPassword() {
  usePageTitle('Choose a new password');
  const { query, route } = useLocation();
  const form = useFormState();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = { ...formValues(event.currentTarget as HTMLFormElement), token: query.token ?? '' };
    await submitForm(form, schemaProblems(Body, values), async () => {
      // The values passed the schema check above.
      const { user } = await call(client.auth.password.reset.$post({ json: values as ResetPasswordBody }));
      currentUser.value = user;
      toast('Password changed. Every other device has been signed out.');
      route(landingFor(user, undefined));
    });
  };
  return (
    <div class="page auth-page">
      <div class="auth-card">
        <h1>Choose a new password</h1>
        <FormAlert message={form.summary.value} fields={form.fields.value} labels={LABELS} />
        {form.summary.value && (
          <p>
            Link not working? <a href="/forgot-password">Ask for a new one</a>.
          </p>
        )}
        <form noValidate onSubmit={submit} class="form">
          <FieldShell
            id="reset-password"
            label="New password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={form.fields.value.newPassword}
          >
            <PasswordInput
              name="newPassword"
              autoComplete="new-password"
              {...fieldAria('reset-password', true, form.fields.value.newPassword)}
            />
          </FieldShell>
          <SubmitButton busy={form.busy.value} class="button--block">
            Save and log in
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
