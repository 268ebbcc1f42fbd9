import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Schedule, SocialLink } from '../../wire/profile.ts';

/** Timestamps are Unix milliseconds: sortable, compact, and what Date.now() gives. */
const createdAt = () => integer('created_at').notNull();

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    handle: text('handle').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['viewer', 'performer'] }).notNull(),
    displayName: text('display_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    /** Bumped to revoke every session at once (logout everywhere, password change, suspension). */
    sessionVersion: integer('session_version').notNull().default(1),
    /** When the owner opened the verification link sent to this address; null until then. */
    emailVerifiedAt: integer('email_verified_at'),
    /** The account's picture in R2 `MEDIA` (a performer's is their profile avatar, kept the same). */
    avatarKey: text('avatar_key'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_handle_lower', sql`${t.handle} = lower(${t.handle})`),
    check('users_role', sql`${t.role} in ('viewer', 'performer')`),
    check('users_status', sql`${t.status} in ('active', 'suspended')`),
  ],
);

export const performerProfiles = sqliteTable(
  'performer_profiles',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    bio: text('bio').notNull().default(''),
    avatarKey: text('avatar_key'),
    coverKey: text('cover_key'),
    schedule: text('schedule', { mode: 'json' }).$type<Schedule>(),
    links: text('links', { mode: 'json' }).$type<SocialLink[]>().notNull().default(sql`'[]'`),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** ISO 3166 country (or country-region) codes where the room is hidden; enforced by a later issue. */
    blockedRegions: text('blocked_regions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Identity verification state; the KYC issue replaces the manual flag with the full flow. */
    kycStatus: text('kyc_status', { enum: ['none', 'submitted', 'approved', 'rejected'] })
      .notNull()
      .default('none'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('performer_profiles_kyc_status', sql`${t.kycStatus} in ('none', 'submitted', 'approved', 'rejected')`)],
);

export const follows = sqliteTable(
  'follows',
  {
    followerId: text('follower_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.performerId] }),
    index('follows_performer').on(t.performerId),
    check('follows_not_self', sql`${t.followerId} <> ${t.performerId}`),
  ],
);

/** Who accepted which Terms of Service version, and when (sign-up requires the current one). */
export const termsAcceptances = sqliteTable(
  'terms_acceptances',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    acceptedAt: integer('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

/** Fixed-window counters for sign-in and sign-up attempts, keyed by IP or account. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/**
 * Sessions signed out before their token expired. Each request's session lookup checks this
 * table in the same query as the user row; a row is kept only as long as a token of that
 * session could still be valid, then the daily cron removes it.
 */
export const revokedSessions = sqliteTable(
  'revoked_sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('revoked_sessions_expires').on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
export type PerformerProfileRow = typeof performerProfiles.$inferSelect;

/**
 * MCP connections (OAuth grants) a performer revoked. The grant itself lives in OAUTH_KV and is
 * deleted there too, but KV reaches other locations only eventually; every /mcp call reads this
 * table in the same query as the account's status, so a revocation stops the next call everywhere.
 */
export const mcpRevokedGrants = sqliteTable('mcp_revoked_grants', {
  grantId: text('grant_id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  revokedAt: integer('revoked_at').notNull(),
});

/**
 * Consent pages already answered, by the SHA-256 of their handle. The library's own single use is a KV read
 * then a delete, which two answers sent at once can both pass (each making a connection); the insert here is
 * atomic, so only the first Approve or Deny of a page goes through.
 */
export const mcpConsentAnswers = sqliteTable('mcp_consent_answers', {
  handleHash: text('handle_hash').primaryKey(),
  answeredAt: integer('answered_at').notNull(),
});

// Fan clubs live in their own file (listed in drizzle.config.ts and db/index.ts); re-exported for one import.
export * from './fan-club-schema.ts';
