import { useState } from 'preact/hooks';
import { ApiFailure } from '../../lib/api.ts';

export type ActionState = { busy: boolean; error: string; done: string };

/**
 * One admin action button's life: busy while the request runs (a second click is ignored),
 * then the server's error or a short confirmation, both announced by the status region.
 */
export function useAction(): [
  ActionState,
  <T>(run: () => Promise<T>, done: (result: T) => string) => Promise<T | undefined>,
] {
  const [state, setState] = useState<ActionState>({ busy: false, error: '', done: '' });
  const run = async <T,>(work: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> => {
    if (state.busy) return undefined;
    setState({ busy: true, error: '', done: '' });
    try {
      const result = await work();
      setState({ busy: false, error: '', done: done(result) });
      return result;
    } catch (error) {
      setState({ busy: false, error: error instanceof ApiFailure ? error.message : String(error), done: '' });
      return undefined;
    }
  };
  return [state, run];
}

/** The line under an action: its error (alert) or its confirmation (status). */
export function ActionResult({ state }: { state: ActionState }) {
  if (state.error)
    return (
      <p class="field-error" role="alert">
        {state.error}
      </p>
    );
  return (
    <p class="admin-done" role="status">
      {state.done}
    </p>
  );
}
