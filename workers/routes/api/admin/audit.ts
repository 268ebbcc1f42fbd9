import { createRoute } from '@hono/zod-openapi';
import { AuditPage, AuditQuery } from '../../../../wire/admin-audit.ts';
import { router } from '../../../app.ts';
import { errors, json } from '../../../openapi.ts';

type Row = {
  id: number;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  ip: string | null;
  detail: string | null;
  created_at: number;
};

/** LIKE with the user's text taken literally, then a trailing wildcard. */
const prefix = (text: string) => `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The audit log, newest first, filtered and paged by id; reading it is not itself audited. */
export const adminAuditLog = router().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Admin'],
    summary: 'The audit log: who did what to which object, newest first, filtered by actor, action, object and time',
    request: { query: AuditQuery },
    responses: { 200: json(AuditPage, 'One page of entries'), ...errors([400, 'Bad filter']) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const where: string[] = ['id < ?'];
    const params: (string | number)[] = [q.before ?? Number.MAX_SAFE_INTEGER];
    if (q.actor) where.push("actor like ? escape '\\'"), params.push(prefix(q.actor.toLowerCase()));
    if (q.action) where.push("action like ? escape '\\'"), params.push(prefix(q.action));
    if (q.objectType) where.push('object_type = ?'), params.push(q.objectType);
    if (q.objectId) where.push('object_id = ?'), params.push(q.objectId);
    if (q.from) where.push('created_at >= ?'), params.push(Date.parse(q.from));
    if (q.to) where.push('created_at < ?'), params.push(Date.parse(q.to));
    const { results } = await c.env.DB.prepare(
      `select * from audit_log where ${where.join(' and ')} order by id desc limit ?`,
    )
      .bind(...params, q.limit + 1)
      .all<Row>();
    const page = results.slice(0, q.limit);
    return c.json(
      {
        entries: page.map((r) => ({
          id: r.id,
          actor: r.actor,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          ip: r.ip,
          detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        nextCursor: results.length > q.limit ? page[page.length - 1]!.id : null,
      },
      200,
    );
  },
);
