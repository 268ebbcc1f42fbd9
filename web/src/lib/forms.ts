import { type Signal, signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { ApiFailure, messageOf } from './api.ts';

export type FieldErrors = Record<string, string>;

/** Zod issues keyed by dotted path, first message per field: the same shape the Worker sends. */
export function fieldsFrom(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** A form's failure state: a summary message plus per-field messages. */
export type FormState = {
  busy: Signal<boolean>;
  summary: Signal<string>;
  fields: Signal<FieldErrors>;
};

export function formState(): FormState {
  return { busy: signal(false), summary: signal(''), fields: signal({}) };
}

export function showFailure(form: FormState, error: unknown): void {
  form.summary.value = messageOf(error);
  form.fields.value = error instanceof ApiFailure ? error.fields : {};
}

export function clearFailure(form: FormState): void {
  form.summary.value = '';
  form.fields.value = {};
}

/** Reads a form's named controls as strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

/** One FormState per mounted form. */
export function useFormState(): FormState {
  return useMemo(formState, []);
}

const CHECK_FIELDS = 'Check the highlighted fields and try again';

/** Field messages from a wire schema (the same rules the Worker applies), or none. */
export function schemaProblems(
  schema: {
    safeParse: (
      v: unknown,
    ) =>
      | { success: true }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  values: unknown,
): FieldErrors {
  const parsed = schema.safeParse(values);
  return parsed.success ? {} : fieldsFrom(parsed.error.issues);
}

/**
 * Every form submits the same way: client-side problems are shown without a request;
 * otherwise `send` runs with the form busy, and a failure from the server is shown on the form
 * (and handed to `onFailure`, for forms that react to a particular code).
 */
export async function submitForm(
  form: FormState,
  problems: FieldErrors,
  send: () => Promise<void>,
  options: { summary?: string; onFailure?: (error: unknown) => void } = {},
): Promise<void> {
  if (Object.keys(problems).length > 0) {
    form.summary.value = options.summary ?? CHECK_FIELDS;
    form.fields.value = problems;
    return;
  }
  clearFailure(form);
  form.busy.value = true;
  try {
    await send();
  } catch (error) {
    showFailure(form, error);
    options.onFailure?.(error);
  } finally {
    form.busy.value = false;
  }
}
