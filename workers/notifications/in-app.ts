import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Notification } from '../../wire/notifications.ts';
import type { Database } from '../db/index.ts';
import { type NotificationRow, notifications } from '../db/notifications-schema.ts';

export type NewNotification = Pick<NotificationRow, 'userId' | 'kind' | 'title' | 'body' | 'link' | 'dedupeKey'>;

/** The statement that adds one notification, for a caller's batch; a repeat of its dedupe key adds nothing. */
export function addNotification(db: Database, notice: NewNotification, now = Date.now()) {
  return db
    .insert(notifications)
    .values({ id: crypto.randomUUID(), ...notice, createdAt: now })
    .onConflictDoNothing({ target: notifications.dedupeKey });
}

export async function listNotifications(
  db: Database,
  userId: string,
  limit = 50,
): Promise<{ notifications: Notification[]; unread: number }> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: new Date(row.createdAt).toISOString(),
      read: row.readAt !== null,
    })),
    unread: unread?.n ?? 0,
  };
}

/** Marks the person's own notifications read (others' ids are ignored). */
export async function markRead(db: Database, userId: string, ids?: string[]): Promise<void> {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: Date.now() })
    .where(ids ? and(mine, inArray(notifications.id, ids.length > 0 ? ids : [''])) : mine);
}
