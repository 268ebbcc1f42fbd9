import { and, eq } from 'drizzle-orm';
import type { PushSubscriptionBody } from '../../wire/notifications.ts';
import type { Database } from '../db/index.ts';
import { notificationMutes, pushSubscriptions } from '../db/notifications-schema.ts';

/** One row per browser (its endpoint); a browser that signs in as someone else moves to that account. */
export async function savePushSubscription(db: Database, userId: string, body: PushSubscriptionBody): Promise<void> {
  const values = { userId, p256dh: body.keys.p256dh, auth: body.keys.auth, createdAt: Date.now() };
  await db
    .insert(pushSubscriptions)
    .values({ endpoint: body.endpoint, ...values })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values });
}

export async function deletePushSubscription(db: Database, userId: string, endpoint: string): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
}

/** The caller finds the performer as this viewer may see them (performers/visible.ts), so a hidden one is a 404. */
export async function setMuted(db: Database, userId: string, performerId: string, muted: boolean): Promise<void> {
  if (muted)
    await db.insert(notificationMutes).values({ userId, performerId, createdAt: Date.now() }).onConflictDoNothing();
  else
    await db
      .delete(notificationMutes)
      .where(and(eq(notificationMutes.userId, userId), eq(notificationMutes.performerId, performerId)));
}
