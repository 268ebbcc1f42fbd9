import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AdminReport } from '../../wire/admin-reports.ts';
import { database } from '../db/index.ts';
import { reports } from '../db/safety-schema.ts';
import { users } from '../db/schema.ts';
import { reportDueAt } from './clock.ts';

/** The admin's view of reports: each with the people it names, its evidence and its clock. */

const reporter = alias(users, 'reporter');
const performer = alias(users, 'performer');
const author = alias(users, 'author');

async function reportsWhere(db: D1Database, where: SQL | undefined, limit: number): Promise<AdminReport[]> {
  const rows = await database({ DB: db })
    .select({
      report: reports,
      reporter: { id: reporter.id, handle: reporter.handle, displayName: reporter.displayName },
      performer: { id: performer.id, handle: performer.handle, displayName: performer.displayName },
      author: { id: author.id, handle: author.handle, displayName: author.displayName },
    })
    .from(reports)
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .innerJoin(performer, eq(performer.id, reports.performerId))
    .leftJoin(author, eq(author.id, reports.messageAuthorId))
    .where(where)
    .orderBy(desc(sql`${reports.status} = 'open'`), asc(reports.createdAt))
    .limit(limit);
  const now = Date.now();
  return rows.map(({ report: r, reporter, performer, author }) => {
    const due = reportDueAt(r.createdAt);
    return {
      id: r.id,
      reporter,
      performer,
      author: author ? { id: author.id, handle: author.handle, displayName: author.displayName } : null,
      target: r.target,
      messageSeq: r.messageSeq,
      reason: r.reason,
      text: r.text,
      evidence: r.evidence,
      status: r.status,
      resolution: r.resolution,
      resolvedBy: r.resolvedBy,
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
      dueAt: new Date(due).toISOString(),
      overdue: r.status === 'open' && now > due,
    };
  });
}

export async function reportById(db: D1Database, id: string): Promise<AdminReport | undefined> {
  const [report] = await reportsWhere(db, eq(reports.id, id), 1);
  return report;
}

/** Up to 100 reports in a status (or all): open ones first, then oldest first. */
export function reportsByStatus(db: D1Database, status: AdminReport['status'] | 'all'): Promise<AdminReport[]> {
  return reportsWhere(db, status === 'all' ? undefined : eq(reports.status, status), 100);
}

/** Closes an open report with what was done; a report closed meanwhile is left as it is. */
export function closeReportStatement(
  db: D1Database,
  id: string,
  close: { status: 'dismissed' | 'actioned'; resolution: string; resolvedBy: string },
): D1PreparedStatement {
  return db
    .prepare(
      `update reports set status = ?, resolution = ?, resolved_by = ?, resolved_at = ? where id = ?
         and status = 'open'`,
    )
    .bind(close.status, close.resolution, close.resolvedBy, Date.now(), id);
}

/** Open reports about the user: as a room's performer or as a message's author. */
export function openReportsAbout(db: D1Database, userId: string): Promise<number> {
  return database({ DB: db }).$count(
    reports,
    and(eq(reports.status, 'open'), or(eq(reports.performerId, userId), eq(reports.messageAuthorId, userId))),
  );
}
