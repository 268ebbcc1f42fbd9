import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DocumentSide, KYC_DOCUMENT_TYPES, KycForm, KycState } from '../../../../wire/kyc.ts';
import { router } from '../../../app.ts';
import { auditStatement } from '../../../audit/log.ts';
import { requireRole } from '../../../auth/session.ts';
import type { User } from '../../../db/schema.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { isApprovedPerformer } from '../../../kyc/gate.ts';
import { type DocumentRow, documentsOf, stateOf, verificationOf } from '../../../kyc/records.ts';
import { serveDocument } from '../../../kyc/serve.ts';
import { attachDocument, saveForm, submit } from '../../../kyc/verification.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';

const tags = ['Verification'];
const binary = z.string().openapi({ type: 'string', format: 'binary' });
const denied = errors([401, 'Not signed in'], [403, 'Not a performer']);

async function stateFor(c: Context<AppEnv>, performer: User) {
  const v = await verificationOf(c.env.DB, performer.id);
  // Verified before this flow existed (the seeded demo performer): approved, with nothing on file.
  if (!v && (await isApprovedPerformer(c.env.DB, performer.id)))
    return { ...stateOf(null, []), status: 'approved' as const, editable: false };
  return stateOf(v, v ? await documentsOf(c.env.DB, v.id) : []);
}

/**
 * The performer's identity verification, always their own: there is no id to name anyone else's,
 * and their own documents are looked up through their own verification (another's id is a 404).
 */
export const verification = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Your verification: status, form (ID number as its last four), documents',
      responses: { 200: json(KycState, 'Your verification'), ...denied },
    }),
    async (c) => c.json(await stateFor(c, requireRole(c, 'performer')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags,
      summary: 'Save the verification form (while a draft or after a rejection)',
      request: { body: jsonBody(KycForm) },
      responses: {
        200: json(KycState, 'Saved'),
        ...denied,
        ...errors([400, 'Invalid fields (under 18, say)'], [409, 'In review or approved: cannot change']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      await saveForm(c.env, performer, c.req.valid('json'));
      return c.json(await stateFor(c, performer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/documents/{side}',
      tags,
      summary: 'Upload one document side (raw JPEG, PNG or PDF bytes, at most 10 MB); it is encrypted before storage',
      request: {
        params: z.object({ side: DocumentSide }),
        body: {
          required: true,
          content: Object.fromEntries(
            [...KYC_DOCUMENT_TYPES, 'application/octet-stream'].map((t) => [t, { schema: binary }]),
          ),
        },
      },
      responses: {
        200: json(KycState, 'Stored'),
        ...denied,
        ...errors(
          [400, 'Empty or cut-off file'],
          [409, 'No form saved yet, or in review'],
          [413, 'Larger than 10 MB'],
          [415, 'Not a JPEG, PNG or PDF'],
        ),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      await attachDocument(c.env, performer, c.req.valid('param').side, await c.req.arrayBuffer());
      return c.json(await stateFor(c, performer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents/{documentId}',
      tags,
      summary: 'One of your own documents, decrypted (never cached; each view is audited)',
      request: { params: z.object({ documentId: z.string().max(64) }) },
      responses: {
        200: { description: 'The document bytes' },
        ...denied,
        ...errors([404, 'Not one of your documents']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      const v = await verificationOf(c.env.DB, performer.id);
      const document = v
        ? (await documentsOf(c.env.DB, v.id)).find((d: DocumentRow) => d.id === c.req.valid('param').documentId)
        : undefined;
      if (!document) throw new ApiError(404, 'NOT_FOUND', 'No such document');
      const actor = `user:${performer.id}`;
      return serveDocument(c, document, (action, detail) =>
        auditStatement(c.env.DB, {
          actor,
          action,
          objectType: 'kyc_document',
          objectId: document.id,
          ip: c.req.header('cf-connecting-ip') ?? null,
          detail,
        }),
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submit',
      tags,
      summary: 'Send the verification for review (draft → submitted, rejected → resubmitted)',
      responses: {
        200: json(KycState, 'Submitted'),
        ...denied,
        ...errors([400, 'Consent or a document missing'], [409, 'Already in review or approved']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      await submit(c.env, performer);
      return c.json(await stateFor(c, performer), 200);
    },
  );
