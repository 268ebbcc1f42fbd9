import { useEffect, useState } from 'preact/hooks';

/** A module fetched on first need and kept: a second room visit (or a remount) renders it at once. */
export type LazyPart<T> = { loaded: () => T | undefined; load: () => Promise<T> };

export function lazyPart<T>(importer: () => Promise<T>): LazyPart<T> {
  let got: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    loaded: () => got,
    load: () =>
      (pending ??= importer().then(
        (module) => (got = module),
        (error: unknown) => {
          // A dropped fetch is tried again on the next need rather than remembered as a failure.
          pending = undefined;
          throw error;
        },
      )),
  };
}

/**
 * The part's module once `wanted` (undefined until it has arrived): parts most visitors never see on first
 * paint (a paid show, the fan-club join, the song requests) stay out of the room page's cold load, issue
 * 18's 50 KB budget. The caller shows a placeholder of the same size meanwhile, so nothing jumps.
 */
export function useLazyPart<T>(part: LazyPart<T>, wanted = true): T | undefined {
  const [, arrived] = useState(0);
  useEffect(() => {
    let live = true;
    if (wanted && !part.loaded())
      part.load().then(
        () => live && arrived((n) => n + 1),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [wanted]);
  return wanted ? part.loaded() : undefined;
}
