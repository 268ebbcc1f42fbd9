/**
 * Warnings: an admin's notice to a user about something they did. Stored as the user-facing twin
 * of the audit row (`user.warn` on the user), so there is one record and the user reads it at
 * GET /api/me/warnings. The admin's email stays out of what the user sees.
 */
import { auditStatement } from '../audit/log.ts';

export function warningStatement(
  db: D1Database,
  userId: string,
  message: string,
  reportId: string,
): D1PreparedStatement {
  return auditStatement(db, {
    actor: 'system:warnings',
    action: 'user.warn',
    objectType: 'user',
    objectId: userId,
    detail: { message, reportId },
  });
}

export type Warning = { message: string; createdAt: string };

export async function warningsOf(db: D1Database, userId: string): Promise<Warning[]> {
  const { results } = await db
    .prepare(
      "select detail, created_at from audit_log where object_type = 'user' and object_id = ? and action = 'user.warn' order by id desc limit 20",
    )
    .bind(userId)
    .all<{ detail: string; created_at: number }>();
  return results.map((r) => ({
    message: String((JSON.parse(r.detail) as { message?: unknown }).message ?? ''),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
