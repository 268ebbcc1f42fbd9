import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes } from 'preact';

/** The aria wiring every control shares: hint and error linked by id, invalid when in error. */
export function fieldAria(id: string, hint: unknown, error: string | undefined) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy || undefined };
}

type ShellProps = {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
  class?: string;
};

/** Label above, hint under the label, the control, then the error beside it. */
export function FieldShell({ id, label, hint, error, children, class: extra }: ShellProps) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}${extra ? ` ${extra}` : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} class="field-error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}

/** Input attributes without preact's role/type pairing, which a pass-through cannot narrow. */
export type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'role'>;

type TextFieldProps = Omit<InputProps, 'id' | 'label'> & {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
};

export function TextField({ id, label, hint, error, ...input }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input class="input" {...(input as InputHTMLAttributes)} {...fieldAria(id, hint, error)} />
    </FieldShell>
  );
}
