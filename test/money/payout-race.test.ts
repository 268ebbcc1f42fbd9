import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import { payoutAccountStatusOf } from '../../workers/money/payout-accounts.ts';
import {
  failPayout,
  reconcilePayout,
  settlePayout,
  TRANSFER_IN_FLIGHT_MS,
} from '../../workers/money/payout-settlement.ts';
import { requestPayout } from '../../workers/money/payouts.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { LocalProvider } from '../../workers/payments/local.ts';
import type { PaymentProvider } from '../../workers/payments/provider.ts';
import { asAdmin } from '../access-token.ts';
import { Browser, errorOf, ORIGIN } from '../client.ts';
import { earningsBalance, fund, newUser } from './fixtures.ts';

/** A performer with a ready local payout account and a requested payout of `amount`. */
async function requested(amount = 7000) {
  const performer = await newUser('performer');
  await env.DB.prepare(
    `insert into payout_accounts (performer_id, provider, provider_account_id, ready, updated_at)
       values (?, 'local', ?, 1, ?)`,
  )
    .bind(performer, `acct_local_${performer.slice(0, 8)}`, Date.now())
    .run();
  const fan = await newUser();
  const gross = Math.ceil((amount * 100) / 70);
  await fund(fan, gross);
  await commitTips(
    env.DB,
    [{ tipperId: fan, performerId: performer, amount: gross, idempotencyKey: `tip:${crypto.randomUUID()}` }],
    30,
  );
  const earned = await earningsBalance(performer);
  const payout = await requestPayout(env.DB, performer, earned, `payout:${performer}:race`);
  return { performer, payout, earned };
}

/**
 * The local provider, counting every transfer it is asked for and every transfer it made. A
 * transfer for a payout in `heldUntil` waits for that event first: the slow provider call during
 * which a fail used to slip in.
 */
function countingProvider(heldUntil: Map<string, Promise<unknown>>) {
  const asked = new Map<string, number>();
  const sent = new Set<string>();
  const local = new LocalProvider(env.DB, ORIGIN);
  const provider: PaymentProvider = Object.assign(Object.create(local) as PaymentProvider, {
    transfer: async (payout: Parameters<PaymentProvider['transfer']>[0]) => {
      asked.set(payout.payoutId, (asked.get(payout.payoutId) ?? 0) + 1);
      await heldUntil.get(payout.payoutId);
      const result = await local.transfer(payout);
      if (result.ok) sent.add(payout.payoutId);
      return result;
    },
  });
  return { provider, asked, sent };
}

const failByAdmin = async (id: string) =>
  new Browser().fetch(`/api/admin/payouts/${id}/fail`, {
    method: 'POST',
    json: { reason: 'Returned by the bank' },
    headers: await asAdmin(),
  });

const settlements = (id: string) =>
  env.DB.prepare(
    "select kind from ledger_transactions where reference = ? and kind in ('payout_paid', 'payout_failed')",
  )
    .bind(id)
    .all<{ kind: string }>();

describe('approving and failing one payout at the same moment', () => {
  it('ends each payout one way only: paid and never back in earnings, or failed and never transferred', async () => {
    const setups = await Promise.all(Array.from({ length: 24 }, () => requested()));
    const heldUntil = new Map<string, Promise<unknown>>();
    const { provider, asked, sent } = countingProvider(heldUntil);
    // Four schedules: both through the route at once; the provider answering only after the route's
    // fail has; and the fail as a module call (no sign-in to check first) with the approval one or
    // two D1 round trips behind it, so that the fail sometimes wins.
    const roundTrips = async (n: number) => {
      for (let k = 0; k < n; k += 1) await env.DB.prepare('select 1').first();
    };
    await Promise.allSettled(
      setups.flatMap(({ payout }, i) => {
        const schedule = i % 4;
        const fail = schedule >= 2 ? failPayout(env.DB, payout.id, 'Returned by the bank') : failByAdmin(payout.id);
        if (schedule === 1)
          heldUntil.set(
            payout.id,
            fail.catch(() => null),
          );
        const approve = roundTrips(schedule >= 2 ? schedule - 1 : 0).then(() =>
          settlePayout(env.DB, provider, payout.id, 'admin@encore.local'),
        );
        return [fail, approve];
      }),
    );

    for (const { performer, payout, earned } of setups) {
      const row = await env.DB.prepare('select status from payouts where id = ?')
        .bind(payout.id)
        .first<{ status: string }>();
      const { results } = await settlements(payout.id);
      expect(results.map((r) => r.kind)).toHaveLength(1);
      expect(asked.get(payout.id) ?? 0).toBeLessThanOrEqual(1);
      const paid = sent.has(payout.id);
      expect(row?.status).toBe(paid ? 'paid' : 'failed');
      expect(results[0]?.kind).toBe(paid ? 'payout_paid' : 'payout_failed');
      // Conservation: the money is in earnings or went out to the performer, never both.
      expect(await balanceOf(env.DB, Account.payoutHold(performer))).toBe(0);
      expect(await earningsBalance(performer)).toBe(paid ? 0 : earned);
    }
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});

describe('approving one payout many times at once', () => {
  it('asks the provider once and books it paid once', async () => {
    const { performer, payout } = await requested();
    const { provider, asked } = countingProvider(new Map());
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => settlePayout(env.DB, provider, payout.id, 'admin@encore.local')),
    );
    expect(asked.get(payout.id)).toBe(1);
    expect(answers.filter((p) => p.status === 'paid').length).toBeGreaterThanOrEqual(1);
    expect((await settlements(payout.id)).results).toEqual([{ kind: 'payout_paid' }]);
    expect(await balanceOf(env.DB, Account.payoutHold(performer))).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});

describe('a transfer the provider refuses', () => {
  it('fails the payout back to earnings and shows the account needing action when the provider says so', async () => {
    const { performer, payout, earned } = await requested();
    const local = new LocalProvider(env.DB, ORIGIN);
    const wantsMore: PaymentProvider = Object.assign(Object.create(local) as PaymentProvider, {
      transfer: async () => ({ ok: false, reason: 'Stripe needs a new identity document' }),
      payoutAccountStatus: async () => 'action_needed' as const,
    });
    expect(await settlePayout(env.DB, wantsMore, payout.id, 'admin@encore.local')).toMatchObject({
      status: 'failed',
      failureReason: 'Stripe needs a new identity document',
    });
    expect(await earningsBalance(performer)).toBe(earned);
    expect(await payoutAccountStatusOf(env.DB, performer)).toBe('action_needed');
  });
});

/** A provider whose transfer call dies without an answer, after making the transfer or before. */
function unanswered(madeIt: boolean): PaymentProvider {
  const local = new LocalProvider(env.DB, ORIGIN);
  return Object.assign(Object.create(local) as PaymentProvider, {
    transfer: async (payout: Parameters<PaymentProvider['transfer']>[0]) => {
      if (madeIt) await local.transfer(payout);
      throw new Error('connection reset');
    },
  });
}

const adminPost = async (path: string, json?: unknown) =>
  new Browser().fetch(path, { method: 'POST', ...(json ? { json } : {}), headers: await asAdmin() });

describe('a payout whose transfer may have happened', () => {
  it('is not failed back to earnings, and reconciles to paid when the provider has its transfer', async () => {
    const { performer, payout } = await requested();
    expect(await settlePayout(env.DB, unanswered(true), payout.id, 'admin@encore.local')).toMatchObject({
      status: 'approved',
    });

    const refused = await errorOf(await failByAdmin(payout.id));
    expect(refused).toMatchObject({ status: 409, code: 'PAYOUT_NOT_ALLOWED' });
    expect(refused.message).toMatch(/reconcile/);
    expect(await earningsBalance(performer)).toBe(0);

    const reconciled = await adminPost(`/api/admin/payouts/${payout.id}/reconcile`);
    expect(await reconciled.json()).toMatchObject({ payout: { id: payout.id, status: 'paid' } });
    expect(await balanceOf(env.DB, Account.payoutHold(performer))).toBe(0);
    expect(await earningsBalance(performer)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('goes back to requested when the provider has no transfer, only once no call can still be in flight', async () => {
    const { performer, payout, earned } = await requested();
    expect(await settlePayout(env.DB, unanswered(false), payout.id, 'admin@encore.local')).toMatchObject({
      status: 'approved',
    });
    const local = new LocalProvider(env.DB, ORIGIN);

    const early = await errorOf(await adminPost(`/api/admin/payouts/${payout.id}/reconcile`));
    expect(early).toMatchObject({ status: 409, code: 'PAYOUT_NOT_ALLOWED' });
    expect(early.message).toMatch(/in flight/);

    expect(await reconcilePayout(env.DB, local, payout.id, Date.now() + TRANSFER_IN_FLIGHT_MS + 1000)).toMatchObject({
      status: 'requested',
    });
    expect(await (await failByAdmin(payout.id)).json()).toMatchObject({
      payout: { status: 'failed', failureReason: 'Returned by the bank' },
    });
    expect(await earningsBalance(performer)).toBe(earned);
    expect(await local.findTransfer(payout.id)).toBeNull();
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('is never transferred once failed: a later approval answers failed without asking the provider', async () => {
    const { payout } = await requested();
    await failByAdmin(payout.id);
    const { provider, asked } = countingProvider(new Map());
    expect(await settlePayout(env.DB, provider, payout.id, 'admin@encore.local')).toMatchObject({ status: 'failed' });
    expect(asked.size).toBe(0);
  });

  it('is answered 404 when it does not exist, whether failed or reconciled', async () => {
    const missing = crypto.randomUUID();
    expect(await errorOf(await failByAdmin(missing))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(await adminPost(`/api/admin/payouts/${missing}/reconcile`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});
