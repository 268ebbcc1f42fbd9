import { useLocation } from 'preact-iso';
import { ageOn, MIN_AGE_YEARS, PASSWORD_MIN_LENGTH, SignupBody } from '../../../../wire/account.ts';
import { TERMS_VERSION } from '../../../../wire/legal.ts';
import { FieldError, FieldShell, fieldAria, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { type FieldErrors, formValues, schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { continueTo, currentUser, landingFor } from '../../lib/session.ts';
import { PasswordInput } from './password-input.tsx';
import { RoleChoice } from './role-choice.tsx';
import '../../styles/auth.css';
import '../../styles/legal.css';

const LABELS: Record<string, [string, string]> = {
  email: ['Email', 'signup-email'],
  password: ['Password', 'signup-password'],
  handle: ['Handle', 'signup-handle'],
  displayName: ['Display name', 'signup-display-name'],
  dateOfBirth: ['Date of birth', 'signup-date-of-birth'],
  role: ['Account type', 'signup-role-viewer'],
  acceptedTerms: ['Terms of Service', 'signup-terms'],
};
const UNDERAGE = `You must be ${MIN_AGE_YEARS} or older to use Encore`;

/** The same rules as the Worker (the shared schema), plus the age gate, before anything is sent. */
function problems(values: Record<string, string>): FieldErrors {
  const fields = schemaProblems(SignupBody, values);
  const dob = values.dateOfBirth ?? '';
  if (dob === '') fields.dateOfBirth = 'Enter your date of birth';
  else if (!fields.dateOfBirth && ageOn(dob, new Date()) < MIN_AGE_YEARS) fields.dateOfBirth = UNDERAGE;
  return fields;
}

export default function Signup() {
  usePageTitle('Sign up');
  const { query, route } = useLocation();
  const form = useFormState();
  const fields = form.fields.value;
  const today = new Date().toISOString().slice(0, 10);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const found = problems(values);
    const onlyAge = Object.keys(found).length === 1 && found.dateOfBirth === UNDERAGE;
    await submitForm(
      form,
      found,
      async () => {
        const { user } = await call(client.auth.signup.$post({ json: values as SignupBody })); // checked above
        currentUser.value = user;
        toast(`Welcome to Encore, ${user.displayName}`);
        continueTo(landingFor(user, query.next), route);
      },
      onlyAge ? { summary: UNDERAGE } : {},
    );
  };

  // Typing in a field clears its message; the rest stay until the next submit.
  const onInput = (event: Event) => {
    const name = (event.target as HTMLInputElement).name;
    if (fields[name]) form.fields.value = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));
  };

  return (
    <div class="page auth-page">
      <div class="auth-card">
        <h1>Create your account</h1>
        <p class="auth-lede">Encore is for adults: you must be {MIN_AGE_YEARS} or older to join.</p>
        <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
        <form noValidate onSubmit={submit} onInput={onInput} class="form">
          <TextField
            id="signup-email"
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            error={fields.email}
          />
          <FieldShell
            id="signup-password"
            label="Password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. A phrase of a few words works well.`}
            error={fields.password}
          >
            <PasswordInput
              name="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              {...fieldAria('signup-password', true, fields.password)}
            />
          </FieldShell>
          <FieldShell
            id="signup-handle"
            label="Handle"
            hint="3 to 30 letters, digits or underscores. Performers’ pages live at /@handle."
            error={fields.handle}
          >
            <div class="input-prefixed">
              <span aria-hidden="true">@</span>
              <input
                class="input"
                name="handle"
                autoComplete="username"
                autoCapitalize="none"
                spellcheck={false}
                required
                {...fieldAria('signup-handle', true, fields.handle)}
              />
            </div>
          </FieldShell>
          <TextField
            id="signup-display-name"
            name="displayName"
            label="Display name"
            autoComplete="nickname"
            maxLength={60}
            required
            error={fields.displayName}
          />
          <TextField
            id="signup-date-of-birth"
            name="dateOfBirth"
            label="Date of birth"
            type="date"
            max={today}
            autoComplete="bday"
            required
            hint="We check that you are 18 or older; it is never shown."
            error={fields.dateOfBirth}
          />
          <RoleChoice initial={query.role === 'performer' ? 'performer' : 'viewer'} error={fields.role} />
          <div class={`field terms-field${fields.acceptedTerms ? ' field--invalid' : ''}`}>
            <div class="checkbox">
              <input
                type="checkbox"
                name="acceptedTerms"
                value={TERMS_VERSION}
                required
                {...fieldAria('signup-terms', false, fields.acceptedTerms)}
              />
              <label for="signup-terms">
                I am 18 or older and accept the{' '}
                <a href="/terms" target="_blank" rel="noopener">
                  Terms of Service
                </a>{' '}
                <span class="nowrap">(version {TERMS_VERSION})</span>
              </label>
            </div>
            <FieldError id="signup-terms" error={fields.acceptedTerms} />
          </div>
          <SubmitButton busy={form.busy.value} class="button--block">
            Sign up
          </SubmitButton>
        </form>
        <p class="auth-switch">
          Already have an account?{' '}
          <a href={`/login${query.next ? `?next=${encodeURIComponent(query.next)}` : ''}`}>Log in</a>
        </p>
      </div>
    </div>
  );
}
