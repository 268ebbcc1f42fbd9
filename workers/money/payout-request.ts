import type { User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { moneyConfig } from './config.ts';
import { earningsOf } from './earnings.ts';
import { payoutAccountStatusOf } from './payout-accounts.ts';
import { BLOCKER_MESSAGES, payoutBlocker, payoutWeek, recentPayouts, requestPayout } from './payouts.ts';

/** A performer's earnings, payout account and payouts, and what (if anything) stops a payout request now. */
export async function payoutPicture(env: Env, performer: User) {
  const db = env.DB;
  const config = moneyConfig(env);
  const [figures, profile, account, thisWeek, payouts] = await Promise.all([
    earningsOf(db, performer.id, config),
    db
      .prepare('select kyc_status from performer_profiles where user_id = ?')
      .bind(performer.id)
      .first<{ kyc_status: string }>(),
    payoutAccountStatusOf(db, performer.id),
    db
      .prepare('select 1 as yes from payouts where performer_id = ? and week = ?')
      .bind(performer.id, payoutWeek(Date.now()))
      .first(),
    recentPayouts(db, performer.id),
  ]);
  const blocker = payoutBlocker({
    kycApproved: profile?.kyc_status === 'approved',
    accountReady: account === 'active',
    payable: figures.payable,
    minimum: config.payoutMinimum,
    requestedThisWeek: thisWeek !== null,
  });
  return { figures, blocker, payouts, config, account };
}

/**
 * The payout request rule: everything payable, at most once a week, only when nothing blocks it (409
 * PAYOUT_NOT_ALLOWED with the reason). The request is keyed by the caller's idempotency key, or else by the
 * week, so a retry of a request that landed answers with it even though "already this week" now holds.
 */
export async function requestWeeklyPayout(env: Env, performer: User, clientKey: string | undefined) {
  const idempotencyKey = `payout:${performer.id}:${clientKey ?? payoutWeek(Date.now())}`;
  const { figures, blocker } = await payoutPicture(env, performer);
  const landed = await env.DB.prepare('select 1 as yes from ledger_transactions where idempotency_key = ?')
    .bind(idempotencyKey)
    .first();
  if (blocker && !landed) throw new ApiError(409, 'PAYOUT_NOT_ALLOWED', BLOCKER_MESSAGES[blocker]);
  return requestPayout(env.DB, performer.id, figures.payable, idempotencyKey);
}
