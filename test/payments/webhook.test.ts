import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../workers/money/check.ts';
import { localPaymentId } from '../../workers/payments/local-events.ts';
import { count, walletOf } from '../money/fixtures.ts';
import {
  deliver,
  deliverOk,
  eventFor,
  pendingPurchase,
  purchaseRow,
  shuffled,
  unrelatedEvent,
  writes,
} from './fixtures.ts';

const purchaseCredits = (purchaseId: string) =>
  count("select count(*) as n from ledger_transactions where kind = 'purchase' and reference = ?", purchaseId);

describe('the Stripe webhook crediting purchases', () => {
  it('credits a pack exactly once when its completion arrives five times, shuffled among other events', async () => {
    const mine = await pendingPurchase('fan');
    const other = await pendingPurchase('starter');
    const completed = eventFor('checkout.session.completed', mine);
    const deliveries = shuffled([
      ...Array.from({ length: 5 }, () => completed),
      eventFor('checkout.session.async_payment_succeeded', mine),
      eventFor('checkout.session.expired', mine),
      eventFor('checkout.session.completed', other),
      unrelatedEvent(),
      unrelatedEvent(),
    ]);
    for (const event of deliveries) await deliverOk(event);

    expect(await walletOf(mine.userId)).toBe(550);
    expect(await purchaseCredits(mine.id)).toBe(1);
    expect(await count('select count(*) as n from ledger_entries where account = ?', `wallet:${mine.userId}`)).toBe(1);
    expect(await purchaseRow(mine.id)).toMatchObject({ status: 'paid', providerPaymentId: localPaymentId(mine) });
    expect(await count('select count(*) as n from payment_events where id = ?', completed.id)).toBe(1);
    expect(await walletOf(other.userId)).toBe(100);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('credits once when the same event arrives five times at the same moment', async () => {
    const purchase = await pendingPurchase('superfan');
    const completed = eventFor('checkout.session.completed', purchase);
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(completed)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await walletOf(purchase.userId)).toBe(1150);
    expect(await purchaseCredits(purchase.id)).toBe(1);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('waits for a delayed payment: pending while processing, credited when it succeeds', async () => {
    const purchase = await pendingPurchase('fan');
    const processing = eventFor('checkout.session.completed', purchase);
    processing.data.object.payment_status = 'unpaid';
    await deliverOk(processing);
    expect(await purchaseRow(purchase.id)).toMatchObject({
      status: 'pending',
      providerPaymentId: localPaymentId(purchase),
    });
    expect(await walletOf(purchase.userId)).toBe(0);

    await deliverOk(eventFor('checkout.session.async_payment_succeeded', purchase));
    expect((await purchaseRow(purchase.id))?.status).toBe('paid');
    expect(await walletOf(purchase.userId)).toBe(550);
  });

  it('marks a purchase failed when its delayed payment fails, crediting nothing', async () => {
    const purchase = await pendingPurchase('fan');
    await deliverOk(eventFor('checkout.session.async_payment_failed', purchase));
    expect((await purchaseRow(purchase.id))?.status).toBe('failed');
    expect(await walletOf(purchase.userId)).toBe(0);
  });

  it('cancels a pending purchase whose session expired, but never a paid one', async () => {
    const abandoned = await pendingPurchase('fan');
    await deliverOk(eventFor('checkout.session.expired', abandoned));
    expect((await purchaseRow(abandoned.id))?.status).toBe('cancelled');

    const paid = await pendingPurchase('fan');
    await deliverOk(eventFor('checkout.session.completed', paid));
    await deliverOk(eventFor('checkout.session.expired', paid));
    expect((await purchaseRow(paid.id))?.status).toBe('paid');
  });

  it('refuses to credit a session whose amount differs from the purchase', async () => {
    const purchase = await pendingPurchase('patron');
    const cheap = eventFor('checkout.session.completed', purchase);
    cheap.data.object.amount_total = 100;
    await deliverOk(cheap);
    expect((await purchaseRow(purchase.id))?.status).toBe('pending');
    expect(await walletOf(purchase.userId)).toBe(0);
  });

  it('refuses to credit a session other than the one opened for the purchase', async () => {
    const purchase = await pendingPurchase('fan');
    const foreign = eventFor('checkout.session.completed', purchase);
    foreign.data.object.id = 'cs_test_someone_elses';
    await deliverOk(foreign);
    expect(await walletOf(purchase.userId)).toBe(0);
  });

  it('acknowledges an event type it does not handle and writes nothing', async () => {
    const before = await writes();
    const response = await deliver(unrelatedEvent());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await writes()).toBe(before);
  });
});
