import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { tipDraft } from '../../workers/money/drafts.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import type { PurchaseRow } from '../../workers/payments/purchases.ts';
import { errorOf } from '../client.ts';
import { count, newUser, walletOf } from '../money/fixtures.ts';
import { deliver, deliverOk, eventFor, pendingPurchase, purchaseRow, writes } from './fixtures.ts';

/** A purchase of the Fan pack (500 + 50 bonus tokens) that the webhook has credited. */
async function paidPurchase(): Promise<PurchaseRow> {
  const purchase = await pendingPurchase('fan');
  await deliverOk(eventFor('checkout.session.completed', purchase));
  return (await purchaseRow(purchase.id))!;
}

async function tip(tipperId: string, performerId: string, amount: number): Promise<void> {
  await commit(env.DB, tipDraft({ tipperId, performerId, amount }, 30), `tip:${crypto.randomUUID()}`);
}

const reversals = (purchaseId: string) =>
  count(
    "select count(*) as n from ledger_transactions where kind in ('refund', 'chargeback') and reference = ?",
    purchaseId,
  );
const frozen = (userId: string) => count('select count(*) as n from wallet_freezes where user_id = ?', userId);
const debtOf = (userId: string) => balanceOf(env.DB, Account.debt(userId));
const earningsOf = (userId: string) => balanceOf(env.DB, Account.earnings(userId));
const ledgerOk = async () => expect((await checkLedger(env.DB)).ok).toBe(true);

describe('refunds and disputes', () => {
  it('takes back every unspent token on a refund, leaving no debt and no freeze', async () => {
    const purchase = await paidPurchase();
    await deliverOk(eventFor('charge.refunded', purchase));
    expect(await walletOf(purchase.userId)).toBe(0);
    expect(await debtOf(purchase.userId)).toBe(0);
    expect(await frozen(purchase.userId)).toBe(0);
    expect((await purchaseRow(purchase.id))?.status).toBe('refunded');
    await ledgerOk();
  });

  it('books spent tokens as debt on a dispute, freezes the wallet, leaves the performer’s earnings alone', async () => {
    const purchase = await paidPurchase();
    const performer = await newUser('performer');
    await tip(purchase.userId, performer, 400);
    const earned = await earningsOf(performer);

    await deliverOk(eventFor('charge.dispute.created', purchase));
    expect(await walletOf(purchase.userId)).toBe(0);
    expect(await debtOf(purchase.userId)).toBe(-400);
    expect(await frozen(purchase.userId)).toBe(1);
    expect(await earningsOf(performer)).toBe(earned);
    expect((await purchaseRow(purchase.id))?.status).toBe('disputed');
    await ledgerOk();

    // A frozen wallet cannot tip, even once it holds tokens again.
    await deliverOk(eventFor('checkout.session.completed', await pendingPurchase('starter', purchase.userId)));
    const [outcome] = await commitTips(
      env.DB,
      [{ tipperId: purchase.userId, performerId: performer, amount: 10, idempotencyKey: crypto.randomUUID() }],
      30,
    );
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'WALLET_FROZEN' });
  });

  it('applies a refund once, however often and however concurrently it is redelivered', async () => {
    const purchase = await paidPurchase();
    await tip(purchase.userId, await newUser('performer'), 50);
    const refund = eventFor('charge.refunded', purchase);
    await Promise.all([deliverOk(refund), deliverOk(refund), deliverOk(eventFor('charge.refunded', purchase))]);
    await deliverOk(refund);
    expect(await reversals(purchase.id)).toBe(1);
    expect(await walletOf(purchase.userId)).toBe(0);
    expect(await debtOf(purchase.userId)).toBe(-50);
    await ledgerOk();
  });

  it('reverses a purchase only once when a dispute follows its refund', async () => {
    const purchase = await paidPurchase();
    await deliverOk(eventFor('charge.refunded', purchase));
    const dispute = eventFor('charge.dispute.created', purchase);
    await deliverOk(dispute);
    expect(await reversals(purchase.id)).toBe(1);
    expect((await purchaseRow(purchase.id))?.status).toBe('refunded');
    expect(await count('select count(*) as n from payment_events where id = ?', dispute.id)).toBe(1);
    await ledgerOk();
  });

  it('books one reversal when a refund and a dispute of the same charge race', async () => {
    const purchases = await Promise.all(Array.from({ length: 5 }, paidPurchase));
    const events = purchases.flatMap((p) => [eventFor('charge.refunded', p), eventFor('charge.dispute.created', p)]);
    await Promise.all(events.map(deliverOk));
    for (const purchase of purchases) {
      expect(await reversals(purchase.id)).toBe(1);
      expect(await walletOf(purchase.userId)).toBe(0);
    }
    // The loser of each race is still acknowledged and remembered.
    for (const event of events)
      expect(await count('select count(*) as n from payment_events where id = ?', event.id)).toBe(1);
    await ledgerOk();
  });

  it('asks Stripe to retry a refund that arrives before the payment it refunds, writing nothing', async () => {
    const purchase = await pendingPurchase('fan');
    const refund = eventFor('charge.refunded', purchase);
    const before = await writes();
    expect(await errorOf(await deliver(refund))).toMatchObject({ status: 503, code: 'RETRY_LATER' });
    expect(await writes()).toBe(before);

    await deliverOk(eventFor('checkout.session.completed', purchase));
    await deliverOk(refund);
    expect((await purchaseRow(purchase.id))?.status).toBe('refunded');
    expect(await walletOf(purchase.userId)).toBe(0);
    await ledgerOk();
  });

  it('books nothing for a partial refund, which Encore never issues, but records it', async () => {
    const purchase = await paidPurchase();
    const partial = eventFor('charge.refunded', purchase);
    Object.assign(partial.data.object, { refunded: false, amount_refunded: 100 });
    await deliverOk(partial);
    expect(await walletOf(purchase.userId)).toBe(550);
    expect((await purchaseRow(purchase.id))?.status).toBe('paid');
    expect(await count('select count(*) as n from payment_events where id = ?', partial.id)).toBe(1);
  });

  it('keeps the ledger whole when tips race a dispute', async () => {
    const purchase = await paidPurchase();
    const performer = await newUser('performer');
    const tips = Array.from({ length: 6 }, () =>
      commitTips(
        env.DB,
        [{ tipperId: purchase.userId, performerId: performer, amount: 50, idempotencyKey: crypto.randomUUID() }],
        30,
      ),
    );
    const dispute = eventFor('charge.dispute.created', purchase);
    const [answer] = await Promise.all([deliver(dispute), ...tips]);
    // Tips may keep winning the race for the balance; then the webhook asks for a redelivery.
    if (answer.status !== 200) {
      expect(await errorOf(answer)).toMatchObject({ status: 503, code: 'RETRY_LATER' });
      await deliverOk(dispute);
    }
    expect(await reversals(purchase.id)).toBe(1);
    expect(await walletOf(purchase.userId)).toBe(0);
    const spent = await count(
      `select coalesce(sum(-amount), 0) as n from ledger_entries e
         join ledger_transactions t on t.id = e.transaction_id where t.kind = 'tip' and e.account = ?`,
      Account.wallet(purchase.userId),
    );
    expect(await debtOf(purchase.userId)).toBe(-spent);
    await ledgerOk();
  });
});
