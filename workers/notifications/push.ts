import { buildPushPayload } from '@block65/webcrypto-web-push';
import { eq } from 'drizzle-orm';
import type { PushPayload } from '../../wire/notifications.ts';
import type { Database } from '../db/index.ts';
import { type PushSubscriptionRow, pushSubscriptions } from '../db/notifications-schema.ts';
import { standInsEnabled } from '../stand-ins.ts';

/**
 * Web push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), by
 * @block65/webcrypto-web-push: Web Crypto only, so it runs in Workers, and kept current with the RFCs.
 */
/** The local push service's advertised origin: pushes to it go to LOCAL_PUSH_SERVICE on the local stack. */
export const LOCAL_PUSH_ORIGIN = 'https://push.encore.local';

export class PushRetryable extends Error {}

export function vapidPublicKey(env: Env): string | null {
  return env.VAPID_PUBLIC_KEY || null;
}

/**
 * Sends one push. A subscription the push service no longer knows (404, 410) is deleted; a push
 * service error (429, 5xx, unreachable) throws PushRetryable so the queue tries the batch again.
 */
export async function sendPush(
  env: Env,
  db: Database,
  subscription: PushSubscriptionRow,
  payload: PushPayload,
  topic: string,
): Promise<'sent' | 'gone'> {
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return 'gone';
  const request = await buildPushPayload(
    { data: payload, options: { ttl: 60 * 60, topic, urgency: 'normal' } },
    {
      endpoint: subscription.endpoint,
      expirationTime: null,
      keys: { p256dh: subscription.p256dh, auth: subscription.auth },
    },
    { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
  );
  let response: Response;
  try {
    response = await fetch(pushUrl(env, subscription.endpoint), request);
  } catch (error) {
    throw new PushRetryable(`push service unreachable: ${String(error)}`);
  }
  if (response.status === 404 || response.status === 410) {
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint));
    return 'gone';
  }
  if (!response.ok) throw new PushRetryable(`push service answered ${response.status}`);
  return 'sent';
}

function pushUrl(env: Env, endpoint: string): string {
  const local = env.LOCAL_PUSH_SERVICE;
  if (local && standInsEnabled(env) && endpoint.startsWith(`${LOCAL_PUSH_ORIGIN}/`))
    return local.replace(/\/$/, '') + endpoint.slice(LOCAL_PUSH_ORIGIN.length);
  return endpoint;
}
