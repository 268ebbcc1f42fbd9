import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
  },
  (t) => [index('live_rooms_viewers').on(t.viewers)],
);
