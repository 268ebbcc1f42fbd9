import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AuditPage, AuditQuery } from '../../wire/admin-audit.ts';
import { database } from '../db/index.ts';
import { auditLog } from '../db/safety-schema.ts';

/** LIKE with the user's text taken literally, then a trailing wildcard. */
const startsWith = (column: AnySQLiteColumn, text: string) =>
  sql`${column} like ${`${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} escape '\\'`;

/** The audit log, newest first, filtered and paged by id. */
export async function auditPage(db: D1Database, q: AuditQuery): Promise<AuditPage> {
  const where: (SQL | undefined)[] = [
    lt(auditLog.id, q.before ?? Number.MAX_SAFE_INTEGER),
    q.actor ? startsWith(auditLog.actor, q.actor.toLowerCase()) : undefined,
    q.action ? startsWith(auditLog.action, q.action) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.from ? gte(auditLog.createdAt, Date.parse(q.from)) : undefined,
    q.to ? lt(auditLog.createdAt, Date.parse(q.to)) : undefined,
  ];
  const rows = await database({ DB: db })
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
