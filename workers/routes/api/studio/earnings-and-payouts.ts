import { createRoute, z } from '@hono/zod-openapi';
import { EarningsResponse, PayoutAccountResponse, PayoutResponse } from '../../../../wire/money.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import { setUpPayoutAccount } from '../../../money/payout-accounts.ts';
import { payoutPicture, requestPayoutOf } from '../../../money/payout-request.ts';
import { errors, json } from '../../../openapi.ts';
import { paymentProvider } from '../../../payments/index.ts';

const tags = ['Studio'];

/** The performer's side of the money: earnings, the payout account, payout requests. */
export const studioEarnings = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/earnings',
      tags,
      summary: 'Your earnings: totals, per day, top tippers, pending and payable, payouts',
      responses: {
        200: json(EarningsResponse, 'Earnings'),
        ...errors([401, 'Not signed in'], [403, 'Not a performer']),
      },
    }),
    async (c) => {
      const { figures, blocker, payouts, config, account } = await payoutPicture(c.env, requireRole(c, 'performer'));
      const { balance: _balance, ...shown } = figures;
      return c.json(
        {
          ...shown,
          payoutMinimum: config.payoutMinimum,
          holdDays: config.holdDays,
          payoutBlocker: blocker,
          payoutAccount: account,
          payouts,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payout-account',
      tags,
      summary:
        'Create or check your payout account (any time, before any earnings); ' +
        'returns its status and where to finish onboarding',
      responses: {
        200: json(PayoutAccountResponse, 'Whether payouts can be sent, or where to set them up'),
        ...errors([401, 'Not signed in'], [403, 'Not a performer']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      const origin = new URL(c.req.url).origin;
      return c.json(
        await setUpPayoutAccount(c.env.DB, paymentProvider(c.env, origin), performer, `${origin}/studio/earnings`),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payouts',
      tags,
      summary: 'Ask for a payout of everything payable (at most once a week)',
      request: { headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }) },
      responses: {
        201: json(PayoutResponse, 'The payout request'),
        ...errors([401, 'Not signed in'], [403, 'Not a performer'], [409, 'Not allowed now (with the reason)']),
      },
    }),
    async (c) => {
      const performer = requireRole(c, 'performer');
      const payout = await requestPayoutOf(c.env, performer, c.req.valid('header')['idempotency-key']);
      return c.json({ payout }, 201);
    },
  );
