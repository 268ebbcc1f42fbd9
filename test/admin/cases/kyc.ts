import { submittedPerformer } from '../../kyc/fixtures.ts';
import type { AdminRouteCase } from './types.ts';

/** workers/routes/api/admin/kyc.ts: every reveal of a verification or document, and every decision. */
export const kycCases: AdminRouteCase[] = [
  {
    route: 'GET /admin/kyc',
    audits: 0,
    why: 'the queue shows handles, countries and ID types, no personal data',
    prepare: async () => ({ path: '/api/admin/kyc' }),
  },
  {
    route: 'GET /admin/kyc/next',
    audits: 1,
    action: 'kyc.view',
    prepare: async () => {
      await submittedPerformer();
      return { path: '/api/admin/kyc/next' };
    },
  },
  {
    route: 'GET /admin/kyc/{id}',
    audits: 1,
    action: 'kyc.view',
    prepare: async () => ({ path: `/api/admin/kyc/${(await submittedPerformer()).verificationId}` }),
  },
  {
    route: 'GET /admin/kyc/{id}/documents/{documentId}',
    audits: 1,
    action: 'kyc.document.view',
    prepare: async () => {
      const { verificationId, state } = await submittedPerformer();
      return { path: `/api/admin/kyc/${verificationId}/documents/${state.documents[0]!.id}` };
    },
  },
  {
    route: 'POST /admin/kyc/{id}/approve',
    audits: 1,
    action: 'kyc.approve',
    prepare: async () => ({ path: `/api/admin/kyc/${(await submittedPerformer()).verificationId}/approve`, json: {} }),
  },
  {
    route: 'POST /admin/kyc/{id}/reject',
    audits: 1,
    action: 'kyc.reject',
    prepare: async () => ({
      path: `/api/admin/kyc/${(await submittedPerformer()).verificationId}/reject`,
      json: { reason: 'The selfie does not show the ID' },
    }),
  },
];
