import { createRoute } from '@hono/zod-openapi';
import { AuditPage, AuditQuery } from '../../../../wire/admin-audit.ts';
import { router } from '../../../app.ts';
import { auditPage } from '../../../audit/audit-page.ts';
import { errors, json } from '../../../openapi.ts';

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
  async (c) => c.json(await auditPage(c.env.DB, c.req.valid('query')), 200),
);
