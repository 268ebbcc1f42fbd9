import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

const person = (name: string) =>
  text(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** A performer's fan club; no row means the club was never set up (off). */
export const fanClubSettings = sqliteTable(
  'fan_club_settings',
  {
    performerId: text('performer_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** The monthly price; a change applies to each member at their next renewal. */
    priceTokens: integer('price_tokens').notNull(),
    perks: text('perks', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('fan_club_settings_price', sql`${t.priceTokens} > 0`)],
);

export const MEMBERSHIP_STATUSES = ['active', 'grace', 'lapsed', 'cancelled'] as const;

/**
 * One row per member and performer, kept across lapses and rejoins. `periodIndex` counts the 30-day periods
 * paid (0 for the first); each period's charge is the ledger transaction keyed `fan_club:<id>:<periodIndex>`,
 * so a period is paid at most once whoever (join, rejoin, renewal job, retry) tries to pay it.
 */
export const fanClubMemberships = sqliteTable(
  'fan_club_memberships',
  {
    id: text('id').primaryKey(),
    performerId: person('performer_id'),
    memberId: person('member_id'),
    status: text('status', { enum: MEMBERSHIP_STATUSES }).notNull(),
    /** The last period paid; -1 before the first charge lands. */
    periodIndex: integer('period_index').notNull(),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    /** What the current period cost. */
    priceTokens: integer('price_tokens').notNull(),
    /** False once cancelled: the membership lasts to periodEnd and is not charged again. */
    renews: integer('renews', { mode: 'boolean' }).notNull(),
    /** Set when a renewal could not be paid: still a member until then, lapsed after. */
    graceUntil: integer('grace_until'),
    /** The client's key of the join that paid the current run of periods (a resent join answers the same). */
    joinKey: text('join_key'),
    joinedAt: integer('joined_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('fan_club_memberships_pair').on(t.performerId, t.memberId),
    index('fan_club_memberships_due').on(t.status, t.periodEnd),
    index('fan_club_memberships_member').on(t.memberId),
    check('fan_club_memberships_status', sql`${t.status} in ('active', 'grace', 'lapsed', 'cancelled')`),
    check('fan_club_memberships_not_self', sql`${t.performerId} <> ${t.memberId}`),
  ],
);

/**
 * What happened to memberships, for the studio's monthly figures: joins (first or after a lapse), renewals,
 * lapses and cancellations. Keyed by membership, period and kind, so a step that runs twice records once.
 */
export const fanClubEvents = sqliteTable(
  'fan_club_events',
  {
    membershipId: text('membership_id')
      .notNull()
      .references(() => fanClubMemberships.id, { onDelete: 'cascade' }),
    periodIndex: integer('period_index').notNull(),
    kind: text('kind', { enum: ['join', 'renew', 'lapse', 'cancel'] }).notNull(),
    performerId: person('performer_id'),
    tokens: integer('tokens').notNull().default(0),
    at: integer('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.membershipId, t.periodIndex, t.kind] }),
    index('fan_club_events_performer').on(t.performerId, t.at),
  ],
);

export type FanClubSettingsRow = typeof fanClubSettings.$inferSelect;
export type MembershipRow = typeof fanClubMemberships.$inferSelect;
