import { base64url, fromBase64url } from '../auth/encoding.ts';
import type { Database } from '../db/index.ts';
import { notificationSettings } from '../db/notifications-schema.ts';
import { DEFAULT_CHANNELS } from './settings.ts';

/**
 * One-click unsubscribe (RFC 8058) without signing in: the link carries the person's id and an HMAC of
 * it under the session secret, so it cannot be forged for someone else, and it never expires.
 */
async function key(env: Env): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`unsubscribe:${env.SESSION_SECRET}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

function bytesOf(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return fromBase64url(text);
  } catch {
    return null;
  }
}

export async function unsubscribeToken(env: Env, userId: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await key(env), new TextEncoder().encode(userId));
  return `${userId}.${base64url(new Uint8Array(signature))}`;
}

/** The person the token names, if its signature holds. */
export async function readUnsubscribeToken(env: Env, token: string): Promise<string | null> {
  const [userId = '', signature = ''] = token.split('.');
  const bytes = bytesOf(signature);
  if (!userId || !bytes) return null;
  const ok = await crypto.subtle.verify('HMAC', await key(env), bytes, new TextEncoder().encode(userId));
  return ok ? userId : null;
}

/** Turns email notifications off (keeping the other channels as they were). */
export async function unsubscribeEmail(db: Database, userId: string): Promise<void> {
  const now = Date.now();
  await db
    .insert(notificationSettings)
    .values({ userId, ...DEFAULT_CHANNELS, email: false, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { email: false, updatedAt: now } });
}
