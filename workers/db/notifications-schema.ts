import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

const person = (name: string) =>
  text(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** The in-app notification list (the header's bell). `dedupeKey` makes a redelivered message add nothing. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: person('user_id'),
    kind: text('kind', { enum: ['go_live', 'payout', 'identity', 'warning', 'report', 'fan_club'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path in the web app the notification opens. */
    link: text('link').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notifications_user').on(t.userId, t.createdAt)],
);

/** Each person's channels and quiet hours; no row means the defaults (every channel on, no quiet hours). */
export const notificationSettings = sqliteTable(
  'notification_settings',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    push: integer('push', { mode: 'boolean' }).notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
    inApp: integer('in_app', { mode: 'boolean' }).notNull(),
    /** Minutes after local midnight; both null when there are no quiet hours. */
    quietStart: integer('quiet_start'),
    quietEnd: integer('quiet_end'),
    timeZone: text('time_zone').notNull().default('UTC'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('notification_settings_quiet', sql`(${t.quietStart} is null) = (${t.quietEnd} is null)`)],
);

/** Performers a person muted: no go-live notice from them on any channel. */
export const notificationMutes = sqliteTable(
  'notification_mutes',
  { userId: person('user_id'), performerId: person('performer_id'), createdAt: integer('created_at').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.performerId] })],
);

/** One per browser: where the push service takes this person's pushes, and the keys to encrypt them with. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    endpoint: text('endpoint').primaryKey(),
    userId: person('user_id'),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('push_subscriptions_user').on(t.userId)],
);

/**
 * The last go-live notice per person and performer (at most one per 2 hours), and the show it was for, so
 * a redelivered message for the same show still goes on to the channels it had not reached.
 */
export const goLiveNotices = sqliteTable(
  'go_live_notices',
  {
    userId: person('user_id'),
    performerId: person('performer_id'),
    showId: text('show_id').notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.performerId] })],
);

/** One row per (show, person, channel) delivered: a queue message delivered twice sends nothing twice. */
export const notificationDeliveries = sqliteTable('notification_deliveries', {
  key: text('key').primaryKey(),
  createdAt: integer('created_at').notNull(),
});

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
