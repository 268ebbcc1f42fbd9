import { and, eq, inArray } from 'drizzle-orm';
import type { Payout } from '../../wire/money.ts';
import { constraintViolated } from '../db/constraint.ts';
import { database } from '../db/index.ts';
import { payoutAccounts, payouts } from '../db/money-schema.ts';
import { users } from '../db/schema.ts';
import { log } from '../log.ts';
import { payoutNotice } from '../notifications/account-notices.ts';
import type { PaymentProvider, TransferResult } from '../payments/provider.ts';
import { payoutSettledDraft } from './drafts.ts';
import { IdempotencyConflict, MoneyError, PayoutNotAllowed } from './errors.ts';
import { commit } from './ledger.ts';
import { refreshPayoutAccount } from './payout-accounts.ts';
import { type PayoutRow, toPayout } from './payouts.ts';

/**
 * A payout has one owner at a time. `requested` belongs to nobody yet: approving claims it
 * (`approved`, a conditional update only one request can win) before the provider is asked, and
 * only the claimant asks; failing it by hand takes it straight from `requested`. An `approved`
 * payout's transfer may have happened, so it never goes back to earnings except through the
 * provider's own answer: a refusal, or a reconciliation that finds no transfer.
 */

/**
 * How long a claim may still have a provider call in flight: well over the Stripe client's worst
 * case (20 s timeout, two retries). A reconciliation that finds no transfer waits this long before
 * releasing the payout, so a slow call cannot land after the money went back.
 */
export const TRANSFER_IN_FLIGHT_MS = 10 * 60_000;

type Settling = PayoutRow;

async function readPayout(db: D1Database, payoutId: string): Promise<Settling> {
  const [row] = await database({ DB: db }).select().from(payouts).where(eq(payouts.id, payoutId));
  if (!row) throw new MoneyError('PAYOUT_NOT_FOUND', `No payout ${payoutId}`);
  return row;
}

/**
 * Refuses, before anything is sent, requested payouts whose performer's payout account the provider
 * said cannot take transfers now (its webhook or a status check): no transfer is attempted and the
 * payout stays requested, to approve once the account is active again, or to fail by hand.
 */
export async function refuseUnpayableAccounts(db: D1Database, payoutIds: string[]): Promise<void> {
  if (payoutIds.length === 0) return;
  const blocked = await database({ DB: db })
    .select({ handle: users.handle })
    .from(payouts)
    .innerJoin(payoutAccounts, eq(payoutAccounts.performerId, payouts.performerId))
    .innerJoin(users, eq(users.id, payouts.performerId))
    .where(and(inArray(payouts.id, payoutIds), eq(payouts.status, 'requested'), eq(payoutAccounts.ready, false)));
  if (blocked.length === 0) return;
  const whose = [...new Set(blocked.map((b) => `@${b.handle}`))].join(', ');
  throw new PayoutNotAllowed(
    `Nothing was sent: the payout provider cannot pay the account of ${whose} now ` +
      '(it needs more from the performer). Leave the payout requested until the account is active again, or fail it.',
  );
}

/**
 * Approves a requested payout and sends it through the provider; answers it paid, failed (the
 * provider refused), or still approved (no answer). A payout not requested is answered as it stands.
 */
export async function settlePayout(
  db: D1Database,
  provider: PaymentProvider,
  payoutId: string,
  adminEmail: string,
): Promise<Payout> {
  await refuseUnpayableAccounts(db, [payoutId]);
  const claim = await db
    .prepare(
      "update payouts set status = 'approved', approved_by = ?, updated_at = ? where id = ? and status = 'requested'",
    )
    .bind(adminEmail, Date.now(), payoutId)
    .run();
  const payout = await readPayout(db, payoutId);
  if (claim.meta.changes !== 1) return toPayout(payout);
  const [account] = await database({ DB: db })
    .select({ providerAccountId: payoutAccounts.providerAccountId })
    .from(payoutAccounts)
    .where(and(eq(payoutAccounts.performerId, payout.performerId), eq(payoutAccounts.ready, true)));
  let result: TransferResult = { ok: false, reason: 'The performer has no ready payout account' };
  try {
    if (account)
      result = await provider.transfer({
        payoutId,
        accountId: account.providerAccountId,
        amountCents: payout.amount,
        currency: 'usd',
      });
  } catch (error) {
    // No answer: the transfer may or may not exist. The payout stays approved, for reconciliation.
    log('warn', 'payout.transfer_unanswered', { payoutId, error: String(error) });
    return toPayout(payout);
  }
  const settled = await book(
    db,
    payout,
    'approved',
    result.ok ? { paid: true, transferId: result.transferId } : { paid: false, reason: result.reason },
  );
  // The earnings page then says what the performer must do (action needed), not just "failed".
  if (!result.ok && account) await refreshPayoutAccount(db, provider, payout.performerId);
  return settled;
}

/**
 * An admin marks a payout failed (returned by a manual processor, bad bank details): only one nobody
 * is paying. Answers the failed payout and whose it is (for the audit log).
 */
export async function failPayout(
  db: D1Database,
  payoutId: string,
  reason: string,
): Promise<Payout & { performerId: string }> {
  const payout = await readPayout(db, payoutId);
  refuseUnlessRequested(payout);
  try {
    return { ...(await book(db, payout, 'requested', { paid: false, reason })), performerId: payout.performerId };
  } catch (error) {
    // Lost to an approval (or another fail) between the read and the batch.
    if (error instanceof LostPayout || error instanceof IdempotencyConflict)
      refuseUnlessRequested(await readPayout(db, payoutId));
    throw error;
  }
}

function refuseUnlessRequested(payout: Settling): void {
  if (payout.status === 'requested') return;
  const why = {
    paid: 'This payout was already paid',
    failed: 'This payout has already failed',
    approved: 'This payout was sent to the payout provider and may have been paid: reconcile it first',
  }[payout.status];
  throw new PayoutNotAllowed(why);
}

/**
 * Settles an approved payout from the provider's record: paid if the transfer exists; otherwise,
 * once no call can still be in flight, back to `requested` (approve again, or fail it).
 */
export async function reconcilePayout(
  db: D1Database,
  provider: PaymentProvider,
  payoutId: string,
  now = Date.now(),
): Promise<Payout> {
  const payout = await readPayout(db, payoutId);
  if (payout.status !== 'approved') return toPayout(payout);
  const transfer = await provider.findTransfer(payoutId);
  if (transfer) return book(db, payout, 'approved', { paid: true, transferId: transfer.transferId });
  const after = payout.updatedAt + TRANSFER_IN_FLIGHT_MS;
  if (now < after) {
    throw new PayoutNotAllowed(
      'The provider has no transfer for this payout yet, but one may still be in flight; ' +
        `reconcile again after ${new Date(after).toISOString()}`,
    );
  }
  // Guarded by the claim's time: a newer claim (approved again meanwhile) is left alone.
  await db
    .prepare(
      `update payouts set status = 'requested', approved_by = null, updated_at = ? where id = ?
         and status = 'approved' and updated_at = ?`,
    )
    .bind(now, payoutId, payout.updatedAt)
    .run();
  return toPayout(await readPayout(db, payoutId));
}

class LostPayout extends Error {}

/**
 * Books a payout's outcome once, in the batch that moves it out of `from`: the status update runs
 * first, and a trigger (migrations/0008) refuses the ledger booking unless it took effect, so a
 * request that lost the payout writes nothing. One key per payout for either outcome.
 */
async function book(
  db: D1Database,
  p: Settling,
  from: 'requested' | 'approved',
  outcome: { paid: true; transferId: string } | { paid: false; reason: string },
): Promise<Payout> {
  const reason = outcome.paid ? null : outcome.reason;
  const update = db
    .prepare(
      `update payouts set status = ?, provider_transfer_id = ?, failure_reason = ?, updated_at = ? where id = ?
         and status = ?`,
    )
    .bind(outcome.paid ? 'paid' : 'failed', outcome.paid ? outcome.transferId : null, reason, Date.now(), p.id, from);
  const draft = payoutSettledDraft({
    performerId: p.performerId,
    payoutId: p.id,
    amount: p.amount,
    paid: outcome.paid,
    ...(reason ? { reason } : {}),
  });
  try {
    await commit(db, draft, `payout-settled:${p.id}`, [], [update]);
  } catch (error) {
    if (constraintViolated(error, 'RAISE', 'payout_settlement_matches_status'))
      throw new LostPayout(`payout ${p.id} left ${from} meanwhile`);
    throw error;
  }
  const settled = toPayout(await readPayout(db, p.id));
  await payoutNotice(db, p.performerId, settled);
  return settled;
}
