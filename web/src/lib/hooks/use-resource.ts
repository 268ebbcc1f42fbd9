import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, api } from '../api.ts';

export type Resource<T> = { state: 'loading' } | { state: 'failed'; error: ApiFailure } | { state: 'ready'; data: T };

/**
 * GETs `path` (skipped while null) and re-fetches when it changes. Answers that arrive after the
 * path moved on are dropped, so a fast click between profiles never shows the wrong one.
 */
export function useResource<T>(path: string | null): [Resource<T>, () => void, (data: T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setResource({ state: 'loading' });
    api<T>('GET', path).then(
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
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setResource({ state: 'ready', data }), []);
  return [resource, reload, replace];
}
