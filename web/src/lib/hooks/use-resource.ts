import type { ClientResponse } from 'hono/client';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import { type Answer, call } from '../api-client.ts';

export type Resource<T> = { state: 'loading' } | { state: 'failed'; error: ApiFailure } | { state: 'ready'; data: T };

/**
 * Sends `request` (a typed GET; skipped while null) and sends it again when `deps` change. Answers
 * that arrive after the deps moved on are dropped, so a fast click between profiles never shows the
 * wrong one.
 */
export function useResource<R extends ClientResponse<unknown, number, string>>(
  request: (() => Promise<R>) | null,
  deps: readonly unknown[],
): [Resource<Answer<R>>, () => void, (data: Answer<R>) => void] {
  const [resource, setResource] = useState<Resource<Answer<R>>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const skipped = request === null;
  useEffect(() => {
    if (request === null) return;
    let current = true;
    setResource({ state: 'loading' });
    call(request()).then(
      (data) => current && setResource({ state: 'ready', data }),
      (error: unknown) =>
        current &&
        setResource({
          state: 'failed',
          error: error instanceof ApiFailure ? error : new ApiFailure(0, 'INTERNAL', String(error)),
        }),
    );
    return () => {
      current = false;
    };
  }, [skipped, ...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: Answer<R>) => setResource({ state: 'ready', data }), []);
  return [resource, reload, replace];
}
