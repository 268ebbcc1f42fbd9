import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EarningsResponse, PayoutAccountResponse, PayoutResponse } from '../../../../wire/money.ts';
import { router } from '../../../app.ts';
import { requireRole } from '../../../auth/session.ts';
import type { User } from '../../../db/schema.ts';
import type { AppEnv } from '../../../env.ts';
import { ApiError } from '../../../errors.ts';
import { isApprovedPerformer } from '../../../kyc/gate.ts';
import { moneyConfig } from '../../../money/config.ts';
import { earningsOf } from '../../../money/earnings.ts';
import { transactionWithKey } from '../../../money/ledger.ts';
import { payoutAccountStatusOf, setUpPayoutAccount } from '../../../money/payout-accounts.ts';
import {
  BLOCKER_MESSAGES,
  payoutBlocker,
  payoutWeek,
  recentPayouts,
  requestedThisWeek,
  requestPayout,
} from '../../../money/payouts.ts';
import { errors, json } from '../../../openapi.ts';
import { paymentProvider } from '../../../payments/index.ts';

const tags = ['Studio'];

async function payoutPicture(c: Context<AppEnv>, performer: User) {
  const db = c.env.DB;
  const config = moneyConfig(c.env);
  const [figures, kycApproved, account, thisWeek, payouts] = await Promise.all([
    earningsOf(db, performer.id, config),
    isApprovedPerformer(db, performer.id),
    payoutAccountStatusOf(db, performer.id),
    requestedThisWeek(db, performer.id),
    recentPayouts(db, performer.id),
  ]);
  const blocker = payoutBlocker({
    kycApproved,
    accountReady: account === 'active',
    payable: figures.payable,
    minimum: config.payoutMinimum,
    requestedThisWeek: thisWeek,
  });
  return { figures, blocker, payouts, config, account };
}

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
      const { figures, blocker, payouts, config, account } = await payoutPicture(c, requireRole(c, 'performer'));
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
      const key = c.req.valid('header')['idempotency-key'];
      const idempotencyKey = `payout:${performer.id}:${key ?? payoutWeek(Date.now())}`;
      const { figures, blocker } = await payoutPicture(c, performer);
      // A retry of a request that landed answers with it, even though "already this week" now holds.
      const landed = await transactionWithKey(c.env.DB, idempotencyKey);
      if (blocker && !landed) throw new ApiError(409, 'PAYOUT_NOT_ALLOWED', BLOCKER_MESSAGES[blocker]);
      const payout = await requestPayout(c.env.DB, performer.id, figures.payable, idempotencyKey);
      return c.json({ payout }, 201);
    },
  );
