import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/** One row of the append-only audit log: who did what to which object, and from where. */
export interface AuditEntry {
  /** The admin's Access email, or `user:<id>` / `system:<job>` when no admin acted. */
  actor: string;
  /** Dotted verb, for example `kyc.approve`, `kyc.document.view`, `wallet.adjust`, `report.dismiss`. */
  action: string;
  objectType: string;
  objectId: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The audit row as a prepared statement, so a caller puts it in the same D1 batch as the change it
 * records: the action and its trace land together or not at all.
 */
export function auditStatement(db: D1Database, entry: AuditEntry, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `insert into audit_log (actor, action, object_type, object_id, ip, detail, created_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(...auditValues(entry, now));
}

/** An entry's values in the order of the audit_log columns every insert names. */
export function auditValues(entry: AuditEntry, now: number) {
  return [
    entry.actor,
    entry.action,
    entry.objectType,
    entry.objectId,
    entry.ip ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
    now,
  ] as const;
}

/** The audit entry for an admin request: actor from the verified Access token, IP from Cloudflare. */
export function adminAudit(
  c: Context<AppEnv>,
  action: string,
  objectType: string,
  objectId: string,
  detail?: Record<string, unknown>,
): D1PreparedStatement {
  return auditStatement(c.env.DB, {
    actor: c.get('adminEmail'),
    action,
    objectType,
    objectId,
    ip: c.req.header('cf-connecting-ip') ?? null,
    detail,
  });
}
