import { and, desc, eq, lt } from 'drizzle-orm';
import { MCP_ACTIVITY_MAX, type McpActivityEntry } from '../../wire/mcp-activity.ts';
import type { Database } from '../db/index.ts';
import { mcpActivity } from '../db/mcp-activity-schema.ts';

/** How long a performer's activity log reaches back; older entries go as new ones arrive. */
export const ACTIVITY_KEEP_MS = 90 * 86_400_000;

export type ActivityEntry = {
  performerId: string;
  client: { id: string; name: string };
  tool: string;
  /** 'ok', or the error code the call was refused with. */
  outcome: string;
  at?: number;
};

/** Writes one call to the performer's activity log (and, now and then, drops their entries past the window). */
export async function recordActivity(db: Database, entry: ActivityEntry): Promise<void> {
  const at = entry.at ?? Date.now();
  const [row] = await db
    .insert(mcpActivity)
    .values({
      performerId: entry.performerId,
      clientId: entry.client.id,
      clientName: entry.client.name.slice(0, 100),
      tool: entry.tool.slice(0, 64) || '(none)',
      outcome: entry.outcome,
      at,
    })
    .returning({ id: mcpActivity.id });
  if (row && row.id % 100 === 0)
    await db
      .delete(mcpActivity)
      .where(and(eq(mcpActivity.performerId, entry.performerId), lt(mcpActivity.at, at - ACTIVITY_KEEP_MS)));
}

/** The performer's latest calls, newest first; with `clientId`, only that app's. */
export async function recentActivity(
  db: Database,
  performerId: string,
  { clientId, limit }: { clientId?: string; limit: number },
): Promise<McpActivityEntry[]> {
  const rows = await db
    .select()
    .from(mcpActivity)
    .where(
      clientId === undefined
        ? eq(mcpActivity.performerId, performerId)
        : and(eq(mcpActivity.performerId, performerId), eq(mcpActivity.clientId, clientId)),
    )
    .orderBy(desc(mcpActivity.at), desc(mcpActivity.id))
    .limit(Math.max(1, Math.min(limit, MCP_ACTIVITY_MAX)));
  return rows.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    clientName: r.clientName,
    tool: r.tool,
    outcome: r.outcome,
    at: new Date(r.at).toISOString(),
  }));
}
