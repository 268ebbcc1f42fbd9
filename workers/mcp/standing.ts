import { and, eq, lt, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { mcpRevokedGrants, users } from '../db/schema.ts';

/** Whether a connection (an OAuth grant) may still act for its performer, asked on every /mcp call and refresh. */
export type Standing =
  | { kind: 'ok'; performer: { userId: string; handle: string } }
  | { kind: 'revoked' | 'suspended' | 'not-performer'; message: string };

/**
 * One D1 query: the account's status and role, and whether the performer revoked this grant. D1, not the
 * token: a suspension or a revocation must stop the very next call, whatever the token's lifetime and
 * however slowly KV carries the grant's deletion to other locations. The handle is read here too, so a
 * renamed performer's connection follows the new one.
 */
export async function connectionStanding(env: Env, userId: string, grantId: string): Promise<Standing> {
  const [row] = await database(env)
    .select({
      handle: users.handle,
      role: users.role,
      status: users.status,
      revoked: sql<number>`exists(select 1 from ${mcpRevokedGrants} where ${and(
        eq(mcpRevokedGrants.grantId, grantId),
        eq(mcpRevokedGrants.userId, userId),
      )})`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.revoked) return { kind: 'revoked', message: 'This connection was revoked; connect the app again' };
  if (row.status !== 'active') return { kind: 'suspended', message: 'This account is suspended' };
  if (row.role !== 'performer') return { kind: 'not-performer', message: 'Only performers can connect apps' };
  return { kind: 'ok', performer: { userId, handle: row.handle } };
}

/** Records a revocation (idempotent): from now on every call and refresh on the grant is refused. */
export async function recordRevocation(env: Env, userId: string, grantId: string): Promise<void> {
  await database(env).insert(mcpRevokedGrants).values({ grantId, userId, revokedAt: Date.now() }).onConflictDoNothing();
}

/**
 * KV carries a grant's deletion to every location within about a minute; a week later the revocation row
 * has nothing left to stop, so the scheduled job drops it (the table would otherwise only grow).
 */
export const REVOCATION_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export async function pruneRevocations(env: Env, now: number): Promise<void> {
  await database(env)
    .delete(mcpRevokedGrants)
    .where(lt(mcpRevokedGrants.revokedAt, now - REVOCATION_KEPT_MS));
}
