import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

/**
 * Every call a connected app (an MCP client) made for a performer, refused ones included: what the
 * performer reads under "Connected apps". `outcome` is 'ok' or the error code the call was refused with.
 * The client's name is copied as it was then, so a renamed or deleted app still reads sensibly.
 */
export const mcpActivity = sqliteTable(
  'mcp_activity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    performerId: text('performer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    clientName: text('client_name').notNull(),
    tool: text('tool').notNull(),
    outcome: text('outcome').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    index('mcp_activity_performer').on(t.performerId, t.at),
    index('mcp_activity_client').on(t.performerId, t.clientId, t.at),
    check('mcp_activity_tool_length', sql`length(${t.tool}) between 1 and 64`),
  ],
);
export type McpActivityRow = typeof mcpActivity.$inferSelect;
