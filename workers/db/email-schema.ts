import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

/**
 * Single-use links sent by email (verify an address, reset a password, confirm a new address). Only
 * the SHA-256 of the token is kept, so a database read cannot be turned into a working link.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password', 'change_email'] }).notNull(),
    /** The address the link was sent to: the account's, or the new one of an email change. */
    email: text('email').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('account_tokens_user').on(t.userId, t.purpose)],
);

/** Browsers an account signed in from (by a hashed device cookie): a new one gets a "new sign-in" email. */
export const knownDevices = sqliteTable(
  'known_devices',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);

/**
 * The local stack's mailbox: every email the Worker sent, kept only when the local stand-ins are on
 * (workers/stand-ins.ts), read at /dev/mail by people and tests. A deploy never writes it.
 */
export const localMailbox = sqliteTable(
  'local_mailbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** JSON object of the extra headers (List-Unsubscribe and friends). */
    headers: text('headers').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('local_mailbox_to').on(t.to, t.createdAt)],
);

export type AccountToken = typeof accountTokens.$inferSelect;
export type CapturedMail = typeof localMailbox.$inferSelect;
