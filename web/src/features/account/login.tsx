import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LoginBody } from '../../../../wire/account.ts';
import { FieldShell, fieldAria, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { clearFailure, formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useCountdown } from '../../lib/hooks/use-countdown.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { continueTo, currentUser, landingFor } from '../../lib/session.ts';
import { PasswordInput } from './password-input.tsx';
import '../../styles/auth.css';

const LABELS: Record<string, [string, string]> = {
  email: ['Email', 'login-email'],
  password: ['Password', 'login-password'],
};

export default function Login() {
  usePageTitle('Log in');
  const { query, route } = useLocation();
  const form = useFormState();
  const fields = form.fields.value;
  const [wait, startWait] = useCountdown();
  const limited = useRef(false);
  // Once the wait is over, the "try again in N seconds" message is no longer true.
  useEffect(() => {
    if (wait === 0 && limited.current) {
      limited.current = false;
      clearFailure(form);
    }
  }, [wait]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    await submitForm(
      form,
      schemaProblems(LoginBody, values),
      async () => {
        const { user } = await call(client.auth.login.$post({ json: values as LoginBody })); // checked above
        currentUser.value = user;
        toast(`Welcome back, ${user.displayName}`);
        continueTo(landingFor(user, query.next), route);
      },
      {
        onFailure: (error) => {
          if (error instanceof ApiFailure && error.code === 'RATE_LIMITED') {
            limited.current = true;
            startWait(error.retryAfter ?? 60);
          }
        },
      },
    );
  };

  return (
    <div class="page auth-page">
      <div class="auth-card">
        <h1>Log in to Encore</h1>
        <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
        {wait > 0 && (
          // Not a live region: a screen reader would hear it every second.
          <p class="countdown">
            You can try again in {wait} second{wait === 1 ? '' : 's'}.
          </p>
        )}
        <form noValidate onSubmit={submit} class="form">
          <TextField
            id="login-email"
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            error={fields.email}
          />
          <FieldShell id="login-password" label="Password" error={fields.password}>
            <PasswordInput
              name="password"
              autoComplete="current-password"
              required
              {...fieldAria('login-password', false, fields.password)}
            />
          </FieldShell>
          <SubmitButton busy={form.busy.value} disabled={wait > 0} class="button--block">
            Log in
          </SubmitButton>
        </form>
        <p class="auth-switch">
          <a href="/forgot-password">Forgot your password?</a>
        </p>
        <p class="auth-switch">
          New to Encore?{' '}
          <a href={`/signup${query.next ? `?next=${encodeURIComponent(query.next)}` : ''}`}>Create an account</a>
        </p>
      </div>
    </div>
  );
}
