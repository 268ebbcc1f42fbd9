import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { balanced, purchaseDraft, tipDraft } from '../../workers/money/drafts.ts';
import { goalHold, goalRefundDraft, heldTips, settlementKey } from '../../workers/money/goal-escrow.ts';
import { commit } from '../../workers/money/ledger.ts';
import { fund, newUser, paidPurchase } from './fixtures.ts';

/**
 * Each test corrupts the ledger in one way that keeps every transaction balanced and every
 * balance equal to its entries (so the old checks pass), and sees the check name it. Storage is
 * shared within this file, so each test compares the figure before and after its corruption.
 */
const key = () => crypto.randomUUID();
const TEN_MINUTES_ON = () => Date.now() + 11 * 60 * 1000;

describe('the ledger check', () => {
  it('passes on honest purchases, tips and a settled goal', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 500);
    await commit(env.DB, tipDraft({ tipperId: fan, performerId: performer, amount: 101 }, 30), key());
    const goalId = crypto.randomUUID();
    await commit(
      env.DB,
      tipDraft({ tipperId: fan, performerId: performer, amount: 40, escrow: goalHold(goalId) }, 30),
      key(),
    );
    const [held] = await heldTips(env.DB, goalId);
    await commit(
      env.DB,
      goalRefundDraft({ goalId, performerId: performer, tip: held! }),
      settlementKey('refund', held!.tipId),
    );
    expect(await checkLedger(env.DB, { now: TEN_MINUTES_ON() })).toMatchObject({
      ok: true,
      tokensSold: 500,
      tokensSpent: 141,
      tokensReturned: 40,
      tokensInWallets: 399,
    });
  });

  it('fails when wallets hold other than what was sold, spent and refunded (moved by a forbidden kind)', async () => {
    const fan = await newUser();
    const performer = await newUser('performer');
    await fund(fan, 100);
    expect((await checkLedger(env.DB)).ok).toBe(true);
    await commit(
      env.DB,
      balanced({
        kind: 'payout_request',
        entries: [
          { account: Account.wallet(fan), amount: -60 },
          { account: Account.earnings(performer), amount: 60 },
        ],
      }),
      key(),
    );
    const report = await checkLedger(env.DB);
    expect(report.ok).toBe(false);
    expect(report.tokensInWallets - report.tokensOwed).toBe(report.tokensOutstanding - 60);
  });

  it('fails when a purchase is credited twice, a paid purchase never, or a credit differs from the pack', async () => {
    const fan = await newUser();
    const before = (await checkLedger(env.DB)).purchasesNotCreditedOnce;
    const twice = crypto.randomUUID();
    const draft = purchaseDraft({ userId: fan, purchaseId: twice, tokens: 100, bonusTokens: 0, packName: 'x' });
    await commit(env.DB, draft, key(), [paidPurchase(fan, twice, 100)]);
    await commit(env.DB, draft, key());
    await paidPurchase(fan, crypto.randomUUID(), 100).run();
    const short = crypto.randomUUID();
    await commit(
      env.DB,
      purchaseDraft({ userId: fan, purchaseId: short, tokens: 90, bonusTokens: 0, packName: 'x' }),
      key(),
      [paidPurchase(fan, short, 100)],
    );
    const report = await checkLedger(env.DB);
    expect(report.purchasesNotCreditedOnce - before).toBe(3);
    expect(report.ok).toBe(false);
  });

  it('fails when a tip is not split at the fee', async () => {
    const fan = await newUser();
    const performer = await newUser('performer');
    await fund(fan, 100);
    const before = (await checkLedger(env.DB)).tipsMissplit;
    const beforeAt20 = (await checkLedger(env.DB, { feePercent: 20 })).tipsMissplit;
    await commit(
      env.DB,
      balanced({
        kind: 'tip',
        actorId: fan,
        counterpartyId: performer,
        entries: [
          { account: Account.wallet(fan), amount: -100 },
          { account: Account.earnings(performer), amount: 80 },
          { account: Account.fees, amount: 20 },
        ],
      }),
      key(),
    );
    expect((await checkLedger(env.DB)).tipsMissplit - before).toBe(1);
    // The same split is right at a 20% fee: the check follows the fee in force.
    expect((await checkLedger(env.DB, { feePercent: 20 })).tipsMissplit).toBe(beforeAt20);
  });

  it('fails when a held goal tip is settled twice while another is never settled', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 100);
    const goalId = crypto.randomUUID();
    for (const amount of [30, 30])
      await commit(
        env.DB,
        tipDraft({ tipperId: fan, performerId: performer, amount, escrow: goalHold(goalId) }, 30),
        key(),
      );
    const [first] = await heldTips(env.DB, goalId);
    const before = (await checkLedger(env.DB)).escrowMissettled;
    await commit(
      env.DB,
      goalRefundDraft({ goalId, performerId: performer, tip: first! }),
      settlementKey('refund', first!.tipId),
    );
    await commit(env.DB, goalRefundDraft({ goalId, performerId: performer, tip: first! }), key());
    expect((await checkLedger(env.DB)).escrowMissettled - before).toBe(1);
  });

  it('fails when a decided goal still holds tokens once its settlement had time to finish', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 100);
    const goalId = crypto.randomUUID();
    for (const amount of [10, 20])
      await commit(
        env.DB,
        tipDraft({ tipperId: fan, performerId: performer, amount, escrow: goalHold(goalId) }, 30),
        key(),
      );
    const [first] = await heldTips(env.DB, goalId);
    const before = (await checkLedger(env.DB, { now: TEN_MINUTES_ON() })).decidedHoldsNotEmpty;
    const beforeNow = (await checkLedger(env.DB)).decidedHoldsNotEmpty;
    await commit(
      env.DB,
      goalRefundDraft({ goalId, performerId: performer, tip: first! }),
      settlementKey('refund', first!.tipId),
    );
    // While the settlement may still be running, a half-settled hold is not (yet) a violation.
    expect((await checkLedger(env.DB)).decidedHoldsNotEmpty).toBe(beforeNow);
    expect((await checkLedger(env.DB, { now: TEN_MINUTES_ON() })).decidedHoldsNotEmpty - before).toBe(1);
  });
});
