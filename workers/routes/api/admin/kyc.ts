import { createRoute, z } from '@hono/zod-openapi';
import { KycNextResponse, KycQueue, KycRejectBody, KycReviewResponse } from '../../../../wire/kyc.ts';
import { router } from '../../../app.ts';
import { adminAudit } from '../../../audit/log.ts';
import { ApiError } from '../../../errors.ts';
import { storedDocument } from '../../../kyc/records.ts';
import { decide, nextReview, queue, reviewOf } from '../../../kyc/review.ts';
import { serveDocument } from '../../../kyc/serve.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';

const tags = ['Admin'];
const Id = z.object({ id: z.string().max(64) });
const Decided = z.object({ status: z.enum(['approved', 'rejected']), reviewedAt: z.string(), reviewedBy: z.string() });
const ip = (c: { req: { header: (name: string) => string | undefined } }) => c.req.header('cf-connecting-ip') ?? null;

/**
 * The KYC queue, mounted inside the Access-protected admin router at /api/admin/kyc. The queue
 * shows no personal data; every route that reveals a verification or a document, or decides one,
 * writes exactly one audit row.
 */
export const adminKyc = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Verifications waiting for review, oldest first (no personal data)',
      responses: { 200: json(KycQueue, 'The queue') },
    }),
    async (c) => c.json(await queue(c.env.DB), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/next',
      tags,
      summary: 'The oldest waiting verification in full (audited), or null when the queue is empty',
      responses: { 200: json(KycNextResponse, 'The next item') },
    }),
    async (c) => {
      const verification = await nextReview(c.env);
      if (!verification) return c.json({ verification: null }, 200);
      await adminAudit(c, 'kyc.view', 'kyc_verification', verification.id, { via: 'next' }).run();
      return c.json({ verification }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One verification in full, with the ID number (audited)',
      request: { params: Id },
      responses: { 200: json(KycReviewResponse, 'The verification'), ...errors([404, 'No such verification']) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const verification = await reviewOf(c.env, id);
      await adminAudit(c, 'kyc.view', 'kyc_verification', id).run();
      return c.json({ verification }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents/{documentId}',
      tags,
      summary: 'One document, decrypted through the Worker (no-store; audited; a damaged one is refused and reported)',
      request: { params: Id.extend({ documentId: z.string().max(64) }) },
      responses: {
        200: { description: 'The document bytes' },
        ...errors([404, 'No such document'], [500, 'The document failed its integrity check']),
      },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      const document = await storedDocument(c.env.DB, id, documentId);
      if (!document) throw new ApiError(404, 'NOT_FOUND', 'No such document');
      return serveDocument(c, document, (action, detail) => adminAudit(c, action, 'kyc_document', document.id, detail));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/approve',
      tags,
      summary: 'Approve: the performer can go live',
      request: { params: Id },
      responses: {
        200: json(Decided, 'Approved'),
        ...errors([404, 'No such verification'], [409, 'Not waiting for review']),
      },
    }),
    async (c) =>
      c.json(
        await decide(c.env.DB, c.req.valid('param').id, { approve: true }, { actor: c.get('adminEmail'), ip: ip(c) }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reject',
      tags,
      summary: 'Reject with a reason the performer sees; they can fix and resubmit',
      request: { params: Id, body: jsonBody(KycRejectBody) },
      responses: {
        200: json(Decided, 'Rejected'),
        ...errors([400, 'No reason'], [404, 'No such verification'], [409, 'Not waiting for review']),
      },
    }),
    async (c) =>
      c.json(
        await decide(
          c.env.DB,
          c.req.valid('param').id,
          { approve: false, reason: c.req.valid('json').reason },
          { actor: c.get('adminEmail'), ip: ip(c) },
        ),
        200,
      ),
  );
