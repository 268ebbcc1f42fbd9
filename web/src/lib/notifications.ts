import { signal } from '@preact/signals';
import { call, client } from './api-client.ts';

/** Unread in-app notifications (the header's bell); undefined until the first answer. */
export const unreadNotifications = signal<number | undefined>(undefined);

let last = 0;

/** Asks again at most every `minAgeMs` (the bell refreshes on focus and every minute while in view). */
export async function refreshUnread(minAgeMs = 0): Promise<void> {
  if (Date.now() - last < minAgeMs) return;
  last = Date.now();
  try {
    unreadNotifications.value = (await call(client.me.notifications.$get())).unread;
  } catch {
    // Keep the last count; the bell is not worth an error.
  }
}

export function forgetUnread(): void {
  unreadNotifications.value = undefined;
  last = 0;
}
