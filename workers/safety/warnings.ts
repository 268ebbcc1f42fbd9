/**
 * Warnings: an admin's notice to a user about something they did. Stored as the user-facing twin
 * of the audit row (`user.warn` on the user), so there is one record and the user reads it at
 * GET /api/me/warnings. The admin's email stays out of what the user sees.
 */
import { and, desc, eq } from 'drizzle-orm';
import { auditStatement } from '../audit/log.ts';
import { database } from '../db/index.ts';
import { auditLog } from '../db/safety-schema.ts';

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
  const rows = await database({ DB: db })
    .select({ detail: auditLog.detail, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'user'), eq(auditLog.objectId, userId), eq(auditLog.action, 'user.warn')))
    .orderBy(desc(auditLog.id))
    .limit(20);
  return rows.map((r) => ({
    message: String(r.detail?.message ?? ''),
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}
