import { computed, signal } from '@preact/signals';
import type { Me } from '../../../wire/account.ts';
import { ApiFailure, lastContact } from './api.ts';
import { call, client } from './api-client.ts';

/**
 * Who is signed in. The session cookie is HttpOnly, so /api/me is the only way to know:
 * `undefined` until it answers, then the account or `null` when signed out.
 */
export const currentUser = signal<Me | null | undefined>(undefined);
export const isPerformer = computed(() => currentUser.value?.role === 'performer');

export async function loadSession(): Promise<void> {
  try {
    currentUser.value = (await call(client.me.$get())).user;
  } catch (error) {
    // Only a 401 means signed out; on a network blip keep what we knew.
    if (error instanceof ApiFailure && error.status === 401) currentUser.value = null;
    else if (currentUser.value === undefined) currentUser.value = null;
  }
}

export async function signOut(everywhere = false): Promise<void> {
  await call(everywhere ? client.auth['logout-everywhere'].$post() : client.auth.logout.$post());
  currentUser.value = null;
}

/** Where to go after signing in: back where they came from, else the role's home. */
/** Goes to `next` after signing in: an app's authorization (/oauth/…) is the Worker's, not a page here. */
export function continueTo(next: string, route: (url: string) => void): void {
  if (next.startsWith('/oauth/')) window.location.assign(next);
  else route(next);
}

export function landingFor(user: Me, next: string | undefined): string {
  if (next?.startsWith('/') && !next.startsWith('//') && !/^\/(login|signup)\b/.test(next)) return next;
  return user.role === 'performer' ? '/studio' : '/';
}

// Sessions last an hour and any API call renews them; ping while the app is in view so an
// open tab does not sign itself out, but never from a hidden tab.
const KEEPALIVE_MS = 15 * 60 * 1000;

export function keepSessionAlive(): () => void {
  const tick = () => {
    if (document.visibilityState !== 'visible' || !currentUser.value) return;
    if (Date.now() - lastContact >= KEEPALIVE_MS) void loadSession();
  };
  const timer = setInterval(tick, 60 * 1000);
  document.addEventListener('visibilitychange', tick);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  };
}
