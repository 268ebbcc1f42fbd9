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
