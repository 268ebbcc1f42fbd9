import { useSignal } from '@preact/signals';
import type { InputHTMLAttributes } from 'preact';
import type { InputProps } from '../../components/field.tsx';

/**
 * A password input with a Show/Hide button. The button's name comes from its text, not a label,
 * so "Password" stays the only label on the page that says password.
 */
export function PasswordInput(props: InputProps & { id: string }) {
  const visible = useSignal(false);
  // Preact types pair each input type with its allowed roles; a type that flips needs the cast.
  const attributes = { ...props, type: visible.value ? 'text' : 'password' } as InputHTMLAttributes;
  return (
    <div class="password-input">
      <input class="input" {...attributes} />
      <button
        type="button"
        class="button button--ghost password-toggle"
        aria-controls={props.id}
        onClick={() => (visible.value = !visible.value)}
      >
        {visible.value ? 'Hide' : 'Show'}
        <span class="visually-hidden"> password</span>
      </button>
    </div>
  );
}
