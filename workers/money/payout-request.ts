import type { User } from '../db/schema.ts';
import { isApprovedPerformer } from '../kyc/gate.ts';
import { moneyConfig } from './config.ts';
import { earningsOf } from './earnings.ts';
import { PayoutNotAllowed } from './errors.ts';
import { transactionWithKey } from './ledger.ts';
import { payoutAccountStatusOf } from './payout-accounts.ts';
import {
  BLOCKER_MESSAGES,
  payoutBlocker,
  payoutWeek,
  recentPayouts,
  requestedThisWeek,
  requestPayout,
} from './payouts.ts';

/** A performer's earnings, payout account and recent payouts, and what (if anything) stops a payout now. */
export async function payoutPicture(env: Env, performer: Pick<User, 'id'>) {
  const db = env.DB;
  const config = moneyConfig(env);
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

/**
 * The payout request rule: everything payable, at most once a week, only with an approved identity and an
 * active payout account. `key` is the client's Idempotency-Key; without one, the week is the key.
 */
export async function requestPayoutOf(env: Env, performer: Pick<User, 'id'>, key: string | undefined) {
  const idempotencyKey = `payout:${performer.id}:${key ?? payoutWeek(Date.now())}`;
  const { figures, blocker } = await payoutPicture(env, performer);
  // A retry of a request that landed answers with it, even though "already this week" now holds.
  const landed = await transactionWithKey(env.DB, idempotencyKey);
  if (blocker && !landed) throw new PayoutNotAllowed(BLOCKER_MESSAGES[blocker]);
  return requestPayout(env.DB, performer.id, figures.payable, idempotencyKey);
}
