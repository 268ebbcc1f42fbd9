import { fund, newUser } from '../../money/fixtures.ts';
import { fileReport } from '../fixtures.ts';
import type { AdminRouteCase } from './types.ts';

/** admin-reports.ts, admin-users.ts, admin-audit.ts, admin-figures.ts and admin.ts's /me */
export const safetyCases: AdminRouteCase[] = [
  {
    route: 'GET /admin/me',
    audits: 0,
    why: 'the admin’s own identity',
    prepare: async () => ({ path: '/api/admin/me' }),
  },
  {
    route: 'GET /admin/audit',
    audits: 0,
    why: 'reading the log would flood it',
    prepare: async () => ({ path: '/api/admin/audit?action=report.' }),
  },
  {
    route: 'GET /admin/figures',
    audits: 0,
    why: 'aggregates, no person',
    prepare: async () => ({ path: '/api/admin/figures?days=30' }),
  },
  {
    route: 'GET /admin/reports',
    audits: 0,
    why: 'the queue listing',
    prepare: async () => ({ path: '/api/admin/reports' }),
  },
  {
    route: 'GET /admin/reports/{id}',
    audits: 1,
    action: 'report.view',
    prepare: async () => ({ path: `/api/admin/reports/${(await fileReport()).id}` }),
  },
  {
    route: 'POST /admin/reports/{id}/resolve',
    audits: 1,
    action: 'report.dismiss',
    prepare: async () => ({
      path: `/api/admin/reports/${(await fileReport()).id}/resolve`,
      json: { action: 'dismiss', note: 'Banter, not abuse' },
    }),
  },
  {
    route: 'GET /admin/users',
    audits: 0,
    why: 'search results show no wallet or KYC',
    prepare: async () => ({ path: '/api/admin/users?q=h_' }),
  },
  {
    route: 'GET /admin/users/{userId}',
    audits: 1,
    action: 'user.view',
    prepare: async () => ({ path: `/api/admin/users/${await newUser()}` }),
  },
  {
    route: 'POST /admin/users/{userId}/suspend',
    audits: 1,
    action: 'user.suspend',
    prepare: async () => ({ path: `/api/admin/users/${await newUser()}/suspend`, json: { reason: 'Spam' } }),
  },
  {
    route: 'POST /admin/users/{userId}/unsuspend',
    audits: 1,
    action: 'user.unsuspend',
    prepare: async () => ({ path: `/api/admin/users/${await newUser()}/unsuspend`, json: { reason: 'Appeal upheld' } }),
  },
  {
    route: 'POST /admin/users/{userId}/freeze',
    audits: 1,
    action: 'wallet.freeze',
    prepare: async () => ({ path: `/api/admin/users/${await newUser()}/freeze`, json: { reason: 'Fraud check' } }),
  },
  {
    route: 'POST /admin/users/{userId}/unfreeze',
    audits: 1,
    action: 'wallet.unfreeze',
    prepare: async () => ({ path: `/api/admin/users/${await newUser()}/unfreeze`, json: { reason: 'Cleared' } }),
  },
  {
    route: 'POST /admin/users/{userId}/adjustments',
    audits: 1,
    action: 'wallet.adjust',
    prepare: async () => {
      const user = await newUser();
      await fund(user, 100);
      return {
        path: `/api/admin/users/${user}/adjustments`,
        json: { amount: -40, reason: 'Duplicate credit', idempotencyKey: crypto.randomUUID() },
      };
    },
  },
];
