import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../lib/api.ts';
import { Icon, type IconName } from './icon.tsx';

/** Shown while something loads; announced once, politely. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner spinner--large" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({
  error,
  retry,
  title = 'That did not load',
}: {
  error: ApiFailure;
  retry?: () => void;
  title?: string;
}) {
  return (
    <div class="state state--error" role="alert">
      <h2>{title}</h2>
      <p>{error.message}</p>
      {retry && (
        <button type="button" class="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  icon = 'star',
}: {
  title: string;
  children?: ComponentChildren;
  icon?: IconName;
}) {
  return (
    <div class="state state--empty">
      <Icon name={icon} class="state-icon" />
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/**
 * A page about one performer that did not load: "no one by that handle" for a 404 (with a way to find
 * others), the error and a retry otherwise.
 */
export function PerformerPageFailed({
  error,
  retry,
  missing,
  failed,
}: {
  error: ApiFailure;
  retry: () => void;
  /** The heading and the hint for a handle no one has. */
  missing: { title: string; hint: string };
  /** The heading for any other failure. */
  failed: string;
}) {
  if (error.status === 404) {
    return (
      <div class="page">
        <div class="state state--empty">
          <h1>{missing.title}</h1>
          <p>{missing.hint}</p>
          <p>
            <a class="button button--primary" href="/">
              Find performers
            </a>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div class="page">
      <ErrorState error={error} retry={retry} title={failed} />
    </div>
  );
}
