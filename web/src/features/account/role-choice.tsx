import type { Role } from '../../../../wire/account.ts';
import { FieldError } from '../../components/field.tsx';

const ROLES: { value: Role; label: string; description: string }[] = [
  { value: 'viewer', label: 'Viewer', description: 'Watch, chat, follow and tip performers.' },
  {
    value: 'performer',
    label: 'Performer',
    description: 'Go live, run a tip menu and get paid (identity check needed).',
  },
];

/** The account type, as a radio group; the label is exactly the role's name. */
export function RoleChoice({ initial, error }: { initial: Role; error: string | undefined }) {
  return (
    <fieldset
      class={`field role-choice${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? 'signup-role-error' : undefined}
    >
      <legend>I am joining as a</legend>
      <div class="role-options">
        {ROLES.map((role) => (
          <div class="role-option" key={role.value}>
            <input
              type="radio"
              name="role"
              id={`signup-role-${role.value}`}
              value={role.value}
              defaultChecked={role.value === initial}
              aria-describedby={`signup-role-${role.value}-about`}
            />
            <label for={`signup-role-${role.value}`}>{role.label}</label>
            <p id={`signup-role-${role.value}-about`} class="field-hint">
              {role.description}
            </p>
          </div>
        ))}
      </div>
      <FieldError id="signup-role" error={error} />
    </fieldset>
  );
}
