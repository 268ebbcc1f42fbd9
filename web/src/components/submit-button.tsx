import type { ComponentChildren } from 'preact';

/** Disabled with a spinner while the form is in flight; the label stays put so it is always findable. */
type Props = { busy: boolean; disabled?: boolean; children: ComponentChildren; class?: string };

export function SubmitButton({ busy, disabled = false, children, class: extra }: Props) {
  return (
    <button
      type="submit"
      class={`button button--primary${extra ? ` ${extra}` : ''}`}
      disabled={busy || disabled}
      aria-busy={busy}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
