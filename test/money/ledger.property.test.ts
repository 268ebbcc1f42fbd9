import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { purchaseDraft, reversalDraft } from '../../workers/money/drafts.ts';
import { InsufficientFunds } from '../../workers/money/errors.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { failPayout, settlePayout } from '../../workers/money/payout-settlement.ts';
import { requestPayout } from '../../workers/money/payouts.ts';
import {
  showChargeDraft,
  showChargeKey,
  showRefundDraft,
  showRefundKey,
  showSettleDraft,
  showSettleKey,
  splitCharges,
} from '../../workers/money/show-escrow.ts';
import { commitTips, type KeyedTip } from '../../workers/money/tips.ts';
import { LocalProvider } from '../../workers/payments/local.ts';
import { newUser, paidPurchase } from './fixtures.ts';

/**
 * Random sequences of every money operation, with retries under repeated keys and some run
 * concurrently. After every step the ledger check must hold, and at the end every wallet must
 * equal what the accepted operations say it should. `npm run test:money -- --runs 1000` runs
 * the long form.
 */
const RUNS = Number(env.MONEY_RUNS ?? 100);
const WEEK = 7 * 86_400_000;

type World = {
  fans: string[];
  performers: string[];
  purchases: { id: string; userId: string; tokens: number; bonus: number }[];
  expected: Map<string, number>;
  step: number;
};

const fanIndex = fc.nat({ max: 2 });
const performerIndex = fc.nat({ max: 1 });
const tipArb = fc.record({
  fan: fanIndex,
  performer: performerIndex,
  amount: fc.integer({ min: 1, max: 700 }),
  key: fc.nat({ max: 5 }),
});
const op = fc.oneof(
  fc.record({
    type: fc.constant('buy' as const),
    fan: fanIndex,
    tokens: fc.constantFrom(100, 500, 1000),
    bonus: fc.constantFrom(0, 50, 150),
  }),
  fc.record({ type: fc.constant('retryBuy' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('tip' as const), tip: tipArb }),
  fc.record({ type: fc.constant('group' as const), tips: fc.array(tipArb, { minLength: 1, maxLength: 8 }) }),
  fc.record({ type: fc.constant('concurrent' as const), tips: fc.array(tipArb, { minLength: 2, maxLength: 5 }) }),
  fc.record({
    type: fc.constant('reverse' as const),
    pick: fc.nat(),
    kind: fc.constantFrom('refund' as const, 'chargeback' as const),
  }),
  fc.record({ type: fc.constant('payout' as const), performer: performerIndex, paid: fc.boolean() }),
  // A paid show's seat: prepaid minutes into the show's hold (some resent), then the used ones settled.
  fc.record({
    type: fc.constant('show' as const),
    fan: fanIndex,
    performer: performerIndex,
    rate: fc.integer({ min: 6, max: 300 }),
    minutes: fc.integer({ min: 1, max: 4 }),
    used: fc.nat({ max: 4 }),
    resend: fc.boolean(),
  }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function run(world: World, o: Op, runId: string) {
  const wallet = (user: string) => Account.wallet(user);
  const move = (user: string, delta: number) => world.expected.set(user, (world.expected.get(user) ?? 0) + delta);
  const keyed = (t: { fan: number; performer: number; amount: number; key: number }): KeyedTip => ({
    tipperId: world.fans[t.fan]!,
    performerId: world.performers[t.performer]!,
    amount: t.amount,
    idempotencyKey: `tip:${runId}:${t.fan}:${t.key}:${t.amount}`,
  });
  const applyTips = (tips: KeyedTip[], outcomes: Awaited<ReturnType<typeof commitTips>>) => {
    for (const [i, o] of outcomes.entries()) {
      if (o.status === 'accepted' && !o.replayed) move(tips[i]!.tipperId, -tips[i]!.amount);
    }
  };
  switch (o.type) {
    case 'buy': {
      const user = world.fans[o.fan]!;
      const id = crypto.randomUUID();
      await commit(
        env.DB,
        purchaseDraft({ userId: user, purchaseId: id, tokens: o.tokens, bonusTokens: o.bonus, packName: 'p' }),
        `purchase:${id}`,
        [paidPurchase(user, id, o.tokens + o.bonus)],
      );
      world.purchases.push({ id, userId: user, tokens: o.tokens, bonus: o.bonus });
      move(user, o.tokens + o.bonus);
      return;
    }
    case 'retryBuy': {
      const p = world.purchases[o.pick % Math.max(1, world.purchases.length)];
      if (!p) return;
      const again = await commit(
        env.DB,
        purchaseDraft({ userId: p.userId, purchaseId: p.id, tokens: p.tokens, bonusTokens: p.bonus, packName: 'p' }),
        `purchase:${p.id}`,
      );
      expect(again.replayed).toBe(true);
      return;
    }
    case 'tip':
    case 'group': {
      const tips = o.type === 'tip' ? [keyed(o.tip)] : o.tips.map(keyed);
      applyTips(tips, await commitTips(env.DB, tips, 30));
      return;
    }
    case 'concurrent': {
      const tips = o.tips.map(keyed);
      const outcomes = await Promise.all(tips.map((t) => commitTips(env.DB, [t], 30)));
      // Two concurrent first attempts of one key: exactly one may be "new".
      applyTips(tips, outcomes.flat());
      return;
    }
    case 'reverse': {
      const p = world.purchases[o.pick % Math.max(1, world.purchases.length)];
      if (
        !p ||
        (await env.DB.prepare('select 1 from ledger_transactions where reference = ? and kind in (?, ?)')
          .bind(p.id, 'refund', 'chargeback')
          .first())
      )
        return;
      const balance = await balanceOf(env.DB, wallet(p.userId));
      const draft = reversalDraft({
        kind: o.kind,
        userId: p.userId,
        purchaseId: p.id,
        tokens: p.tokens,
        bonusTokens: p.bonus,
        walletBalance: balance,
      });
      await commit(env.DB, draft, `reversal:${p.id}`);
      move(p.userId, -Math.min(balance, p.tokens + p.bonus));
      return;
    }
    case 'show': {
      const showId = crypto.randomUUID();
      const seat = {
        showId,
        payerId: world.fans[o.fan]!,
        performerId: world.performers[o.performer]!,
        anonymous: false,
      };
      const paid: { minute: number; minutes: number; amount: number }[] = [];
      for (let minute = 0; minute < o.minutes; minute++) {
        const charge = { ...seat, minute, minutes: 1, amount: o.rate };
        const key = showChargeKey(showId, seat.payerId, minute);
        try {
          await commit(env.DB, showChargeDraft(charge), key);
          if (o.resend) await commit(env.DB, showChargeDraft(charge), key);
        } catch (error) {
          if (error instanceof InsufficientFunds) break;
          throw error;
        }
        paid.push(charge);
      }
      const used = Math.min(o.used, paid.length);
      const { settled, refunded } = splitCharges(paid, used);
      move(seat.payerId, -settled);
      const now = Date.now();
      await env.DB.batch([
        env.DB.prepare(
          `insert into shows (id, performer_id, kind, rate, started_at, ended_at, end_reason)
           values (?, ?, 'private', ?, ?, ?, 'viewer')`,
        ).bind(showId, seat.performerId, o.rate, now, now),
        env.DB.prepare(
          `insert into show_participants (show_id, user_id, performer_id, role, kind, rate, started_at, ended_at,
             minutes, tokens) values (?, ?, ?, 'viewer', 'private', ?, ?, ?, ?, ?)`,
        ).bind(showId, seat.payerId, seat.performerId, o.rate, now, now, used, settled),
      ]);
      for (let i = 0; i < (o.resend ? 2 : 1); i++) {
        if (settled > 0)
          await commit(
            env.DB,
            showSettleDraft({ ...seat, minutes: used, amount: settled }, moneyConfig({}).platformFeePercent),
            showSettleKey(showId, seat.payerId),
          );
        if (refunded > 0)
          await commit(env.DB, showRefundDraft({ ...seat, amount: refunded }), showRefundKey(showId, seat.payerId));
      }
      return;
    }
    case 'payout': {
      const performer = world.performers[o.performer]!;
      const earned = await balanceOf(env.DB, Account.earnings(performer));
      if (earned <= 0) return;
      world.step += 1;
      const payout = await requestPayout(
        env.DB,
        performer,
        earned,
        `payout:${runId}:${world.step}`,
        Date.now() + world.step * WEEK,
      );
      if (!o.paid) {
        await failPayout(env.DB, payout.id, 'bank said no');
        return;
      }
      await env.DB.prepare(
        `insert or ignore into payout_accounts (performer_id, provider, provider_account_id, ready, status,
           updated_at) values (?, 'local', ?, 1, 'active', ?)`,
      )
        .bind(performer, `acct_local_${performer}`, Date.now())
        .run();
      await settlePayout(env.DB, new LocalProvider(env.DB, 'https://encore.test'), payout.id, 'admin@encore.local');
      return;
    }
  }
}

describe('the ledger under random operations', () => {
  it(`holds its invariants over ${RUNS} random runs`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const runId = crypto.randomUUID();
        const world: World = {
          fans: await Promise.all([newUser(), newUser(), newUser()]),
          performers: await Promise.all([newUser('performer'), newUser('performer')]),
          purchases: [],
          expected: new Map(),
          step: 0,
        };
        for (const o of ops) {
          await run(world, o, runId);
          const report = await checkLedger(env.DB);
          expect(report, JSON.stringify(report)).toMatchObject({
            ok: true,
            entrySum: 0,
            driftedBalances: 0,
            negativeBalances: 0,
            unbalancedTransactions: 0,
          });
        }
        for (const fan of world.fans)
          expect(await balanceOf(env.DB, Account.wallet(fan))).toBe(world.expected.get(fan) ?? 0);
      }),
      { numRuns: RUNS },
    );
  });
});
