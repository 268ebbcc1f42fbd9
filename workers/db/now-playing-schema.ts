import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

/**
 * Now-playing tokens (workers/music/now-playing-tokens.ts): what the DJ's companion command signs its posts
 * with. Only a SHA-256 of each token is kept (it is 256 random bits, so a slow hash adds nothing); the token
 * itself is shown once. A revoked token keeps its row, so its holder is told it was revoked.
 */
export const nowPlayingTokens = sqliteTable(
  'now_playing_tokens',
  {
    id: text('id').primaryKey(),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, so the performer can tell which one a device holds. */
    hint: text('hint').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('now_playing_tokens_performer').on(t.performerId)],
);
