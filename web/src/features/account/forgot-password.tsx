import { useSignal } from '@preact/signals';
import { ForgotPasswordBody } from '../../../../wire/account.ts';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { call, client } from '../../lib/api-client.ts';
import { formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import '../../styles/auth.css';

const LABELS: Record<string, [string, string]> = { email: ['Email', 'forgot-email'] };

/** Asks for a reset link. The answer is the same whether or not an account uses the address. */
export default function ForgotPassword() {
  usePageTitle('Forgot password');
  const form = useFormState();
  const sent = useSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    await submitForm(form, schemaProblems(ForgotPasswordBody, values), async () => {
      // The values passed the schema check above.
      sent.value = (await call(client.auth.password.forgot.$post({ json: values as ForgotPasswordBody }))).message;
    });
  };
  return (
    <div class="page auth-page">
      <div class="auth-card">
        <h1>Forgot your password?</h1>
        {sent.value ? (
          <div class="alert alert--success" role="status">
            <p class="alert-title">Check your email</p>
            <p>{sent.value}</p>
          </div>
        ) : (
          <>
            <p class="muted">Enter your account's email and we will send you a link to choose a new password.</p>
            <FormAlert message={form.summary.value} fields={form.fields.value} labels={LABELS} />
            <form noValidate onSubmit={submit} class="form">
              <TextField
                id="forgot-email"
                name="email"
                label="Email"
                type="email"
                autoComplete="email"
                required
                error={form.fields.value.email}
              />
              <SubmitButton busy={form.busy.value} class="button--block">
                Send the link
              </SubmitButton>
            </form>
          </>
        )}
        <p class="auth-switch">
          Remembered it? <a href="/login">Log in</a>
        </p>
      </div>
    </div>
  );
}
