import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ShowKind } from '../../wire/shows.ts';
import { users } from './schema.ts';
import { shows } from './shows-schema.ts';

/**
 * Reviews of paid shows (wire/show-reviews.ts): one per show and reviewer (the show's paying viewer or a
 * group participant), the unique index making a duplicate sent twice at once a single row. Anonymous and
 * kind are copied from the participant's row so the profile reads reviews without joining the shows.
 */
export const showReviews = sqliteTable(
  'show_reviews',
  {
    id: text('id').primaryKey(),
    showId: text('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    reviewerId: text('reviewer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ShowKind>().notNull(),
    stars: integer('stars').notNull(),
    comment: text('comment').notNull().default(''),
    /** The show was anonymous: the review shows as "Anonymous" on every surface. */
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    /** Taken down by an admin after a report: no longer shown or counted in the average. */
    removedAt: integer('removed_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('show_reviews_once').on(t.showId, t.reviewerId),
    index('show_reviews_performer').on(t.performerId, t.createdAt),
    check('show_reviews_stars', sql`${t.stars} between 1 and 5`),
  ],
);

export type ShowReviewRow = typeof showReviews.$inferSelect;
