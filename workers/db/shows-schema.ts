import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ShowEndReason, ShowKind, ShowSettings } from '../../wire/shows.ts';
import { users } from './schema.ts';

/**
 * Paid shows (wire/shows.ts). The Room runs a show and bills it (its own SQLite); D1 keeps the performer's
 * settings (read by the Room at each request, so a change applies to later shows) and one row per finished
 * or running show and per participant, which earnings, reviews and admin figures read. The money itself is
 * in the ledger (`show_minute`, `hold:show:<id>`); these rows are the record of who watched what.
 */
export const showSettings = sqliteTable('show_settings', {
  performerId: text('performer_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The whole ShowSettings, checked with its zod schema on read (a damaged row falls back to the defaults). */
  settings: text('settings', { mode: 'json' }).$type<ShowSettings>().notNull(),
  /** Copied out of `settings` so the directory can filter on them. */
  privateOn: integer('private_on', { mode: 'boolean' }).notNull().default(false),
  sessionsAvailable: integer('sessions_available', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

/** One row per show (private, group, session), written when it starts and again when it ends. */
export const shows = sqliteTable(
  'shows',
  {
    id: text('id').primaryKey(),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ShowKind>().notNull(),
    /** Tokens per minute for the viewer (group: per participant), fixed at start. */
    rate: integer('rate').notNull(),
    title: text('title').notNull().default(''),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason').$type<ShowEndReason>(),
    /** Totals over every participant and spy, once ended. */
    minutes: integer('minutes').notNull().default(0),
    tokens: integer('tokens').notNull().default(0),
  },
  (t) => [index('shows_performer').on(t.performerId, t.startedAt)],
);

/**
 * One row per person in a show: the private or session viewer, each group participant, each spy. A review
 * (shows-account) hangs off (show_id, user_id) of a `viewer` or `participant` row.
 */
export const showParticipants = sqliteTable(
  'show_participants',
  {
    showId: text('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    performerId: text('performer_id').notNull(),
    role: text('role').$type<'viewer' | 'participant' | 'spy'>().notNull(),
    kind: text('kind').$type<ShowKind>().notNull(),
    rate: integer('rate').notNull(),
    /** The viewer hid their name: no performer-facing surface shows it. */
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason').$type<ShowEndReason>(),
    /** Minutes charged (settled to the performer) and their tokens, once ended. */
    minutes: integer('minutes').notNull().default(0),
    tokens: integer('tokens').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.showId, t.userId] }),
    index('show_participants_user').on(t.userId, t.startedAt),
    index('show_participants_performer').on(t.performerId, t.startedAt),
  ],
);
