import { newUser } from '../../money/fixtures.ts';
import { requestedPayout, sentPayout } from '../fixtures.ts';
import type { AdminRouteCase } from './types.ts';

/** workers/routes/api/admin/payouts.ts */
export const moneyCases: AdminRouteCase[] = [
  {
    route: 'GET /admin/payouts',
    audits: 0,
    why: 'a queue listing',
    prepare: async () => ({ path: '/api/admin/payouts' }),
  },
  {
    route: 'POST /admin/payouts/approve',
    audits: 1,
    action: 'payout.approve',
    prepare: async () => ({
      path: '/api/admin/payouts/approve',
      json: { ids: [(await requestedPayout()).payoutId, (await requestedPayout()).payoutId] },
    }),
  },
  {
    route: 'POST /admin/payouts/{id}/fail',
    audits: 1,
    action: 'payout.fail',
    prepare: async () => ({
      path: `/api/admin/payouts/${(await requestedPayout()).payoutId}/fail`,
      json: { reason: 'Bank said no' },
    }),
  },
  {
    route: 'POST /admin/payouts/{id}/reconcile',
    audits: 1,
    action: 'payout.reconcile',
    prepare: async () => ({ path: `/api/admin/payouts/${(await sentPayout()).payoutId}/reconcile` }),
  },
  {
    route: 'GET /admin/payouts.csv',
    audits: 1,
    action: 'payouts.export',
    prepare: async () => ({ path: '/api/admin/payouts.csv?status=approved' }),
  },
  {
    route: 'GET /admin/ledger/check',
    audits: 1,
    action: 'ledger.check',
    prepare: async () => ({ path: '/api/admin/ledger/check' }),
  },
  {
    route: 'POST /admin/wallets/{userId}/settle',
    audits: 1,
    action: 'wallet.settle',
    prepare: async () => ({
      path: `/api/admin/wallets/${await newUser()}/settle`,
      json: { reason: 'Paid by bank transfer', writeOffDebt: true },
    }),
  },
];
