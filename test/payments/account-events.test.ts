import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { payoutAccountStatusOf } from '../../workers/money/payout-accounts.ts';
import { randomHex } from '../../workers/payments/local.ts';
import { errorOf } from '../client.ts';
import { count, newUser } from '../money/fixtures.ts';
import { accountUpdated, deliver, deliverOk, shuffled, writes } from './fixtures.ts';

const HOUR_AGO = Date.now() - 3_600_000;
const now = () => Math.floor(Date.now() / 1000);

/** A performer's Stripe payout account as Encore last knew it, an hour ago. */
async function stripeAccount(status: 'pending' | 'active') {
  const performerId = await newUser('performer');
  const accountId = `acct_${randomHex(8)}`;
  await env.DB.prepare(
    `insert into payout_accounts (performer_id, provider, provider_account_id, ready, status, updated_at)
       values (?, 'stripe', ?, ?, ?, ?)`,
  )
    .bind(performerId, accountId, status === 'active' ? 1 : 0, status, HOUR_AGO)
    .run();
  return { performerId, accountId };
}

const kept = (accountId: string) =>
  env.DB.prepare('select status, ready from payout_accounts where provider_account_id = ?')
    .bind(accountId)
    .first<{ status: string; ready: number }>();
const recorded = (eventId: string) => count('select count(*) as n from payment_events where id = ?', eventId);

describe('Stripe account.updated events for payout accounts', () => {
  it('makes an account active when Stripe enables its payouts', async () => {
    const { performerId, accountId } = await stripeAccount('pending');
    await deliverOk(accountUpdated(accountId, 'enabled'));
    expect(await kept(accountId)).toEqual({ status: 'active', ready: 1 });
    expect(await payoutAccountStatusOf(env.DB, performerId)).toBe('active');
  });

  it('marks an account as needing the performer when Stripe disables it with a reason', async () => {
    const { performerId, accountId } = await stripeAccount('active');
    const disabled = accountUpdated(accountId, 'disabled');
    const response = await deliver(disabled);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await kept(accountId)).toEqual({ status: 'action_needed', ready: 0 });
    expect(await payoutAccountStatusOf(env.DB, performerId)).toBe('action_needed');
    expect(await recorded(disabled.id)).toBe(1);
  });

  it('does nothing with a replayed event, even after a newer one changed the account', async () => {
    const { accountId } = await stripeAccount('active');
    const disabled = accountUpdated(accountId, 'disabled', now() - 10);
    await deliverOk(disabled);
    await deliverOk(accountUpdated(accountId, 'enabled', now()));
    await deliverOk(disabled);
    expect(await kept(accountId)).toEqual({ status: 'active', ready: 1 });
    expect(await recorded(disabled.id)).toBe(1);
  });

  it('ignores an older event that arrives after a newer one', async () => {
    const { accountId } = await stripeAccount('pending');
    await deliverOk(accountUpdated(accountId, 'disabled', now()));
    const older = accountUpdated(accountId, 'enabled', now() - 60);
    await deliverOk(older);
    expect(await kept(accountId)).toEqual({ status: 'action_needed', ready: 0 });
    // Acknowledged and remembered, so its next redelivery is not even looked at.
    expect(await recorded(older.id)).toBe(1);
  });

  it('acknowledges an event about an account that is no performer’s and changes nothing', async () => {
    const { accountId } = await stripeAccount('active');
    const before = await writes();
    const response = await deliver(accountUpdated(`acct_${randomHex(8)}`, 'disabled'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await writes()).toBe(before);
    expect(await kept(accountId)).toEqual({ status: 'active', ready: 1 });
  });

  it('refuses a malformed account event with the error envelope and changes nothing', async () => {
    const { accountId } = await stripeAccount('active');
    const before = await writes();
    const noFlag = accountUpdated(accountId, 'disabled');
    noFlag.data.object.payouts_enabled = 'no';
    const foreign = accountUpdated(accountId, 'disabled');
    foreign.account = `acct_${randomHex(8)}`;
    const noObject = { ...accountUpdated(accountId, 'disabled'), data: {} } as unknown as typeof noFlag;
    for (const event of [noFlag, foreign, noObject]) {
      expect(await errorOf(await deliver(event))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await writes()).toBe(before);
    expect(await kept(accountId)).toEqual({ status: 'active', ready: 1 });
  });

  it('applies an event once when many copies arrive at the same moment', async () => {
    const { accountId } = await stripeAccount('active');
    const disabled = accountUpdated(accountId, 'disabled');
    const responses = await Promise.all(Array.from({ length: 8 }, () => deliver(disabled)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await kept(accountId)).toEqual({ status: 'action_needed', ready: 0 });
    expect(await recorded(disabled.id)).toBe(1);
  });

  it('ends at the newest state when old and new events race, duplicates included', async () => {
    const { accountId } = await stripeAccount('pending');
    const newest = accountUpdated(accountId, 'enabled', now());
    const old = [accountUpdated(accountId, 'disabled', now() - 30), accountUpdated(accountId, 'disabled', now() - 90)];
    const deliveries = shuffled([newest, newest, newest, ...old, ...old]);
    const responses = await Promise.all(deliveries.map((event) => deliver(event)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await kept(accountId)).toEqual({ status: 'active', ready: 1 });
    expect(await recorded(newest.id)).toBe(1);
  });
});
