import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

/**
 * The live directory: one row per room that is live now, written by the Room when its performer
 * goes live or offline and when its viewer count moves (at most every few seconds). The Room is
 * the truth; this table is what the home page can list without waking every Room.
 */
export const liveRooms = sqliteTable(
  'live_rooms',
  {
    performerId: text('performer_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    title: text('title').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    viewers: integer('viewers').notNull().default(0),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** The stream's latest thumbnail in R2 `MEDIA`, or null (none yet, or a show that is not public). */
    thumbnailKey: text('thumbnail_key'),
  },
  (t) => [index('live_rooms_viewers').on(t.viewers)],
);

/**
 * Which rooms each signed-in user opened a socket to lately, so that suspending an account can
 * close its sockets in rooms that are not live too (the directory lists only live ones). Written
 * by the Worker on each socket upgrade; rows older than the retention job's window are pruned.
 */
export const roomVisits = sqliteTable(
  'room_visits',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.handle] }), index('room_visits_seen').on(t.lastSeenAt)],
);
