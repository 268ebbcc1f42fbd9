import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Account } from '../../workers/money/accounts.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { balanced, purchaseDraft, reversalDraft, tipDraft, tipSplit } from '../../workers/money/drafts.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { count, earningsBalance, fund, newUser, paidPurchase, walletOf } from './fixtures.ts';

describe('transaction drafts', () => {
  it('splits a tip 70/30, rounding the performer down', () => {
    expect(tipSplit(100, 30)).toEqual({ performer: 70, platform: 30 });
    expect(tipSplit(15, 30)).toEqual({ performer: 10, platform: 5 });
    expect(tipSplit(1, 30)).toEqual({ performer: 0, platform: 1 });
  });

  it('drops zero entries and refuses an unbalanced draft', () => {
    expect(tipDraft({ tipperId: 'a', performerId: 'b', amount: 1 }, 30).entries).toHaveLength(2);
    expect(() =>
      balanced({
        kind: 'adjustment',
        entries: [
          { account: 'wallet:a', amount: 5 },
          { account: 'platform:fees', amount: -4 },
        ],
      }),
    ).toThrow(/unbalanced/);
  });

  it('books a purchase bonus against promotions', () => {
    const draft = purchaseDraft({ userId: 'u', purchaseId: 'p', tokens: 500, bonusTokens: 50, packName: 'Fan' });
    expect(draft.entries).toEqual([
      { account: 'external:payments', amount: -500 },
      { account: 'platform:promotions', amount: -50 },
      { account: 'wallet:u', amount: 550 },
    ]);
  });

  it('turns spent tokens into debt when a purchase is reversed', () => {
    const draft = reversalDraft({
      kind: 'chargeback',
      userId: 'u',
      purchaseId: 'p',
      tokens: 500,
      bonusTokens: 50,
      walletBalance: 200,
    });
    expect(draft.entries).toEqual([
      { account: 'wallet:u', amount: -200 },
      { account: 'debt:u', amount: -350 },
      { account: 'external:payments', amount: 500 },
      { account: 'platform:promotions', amount: 50 },
    ]);
  });
});

describe('committing to the ledger', () => {
  it('credits a purchase and keeps the cached balance equal to the entries', async () => {
    const user = await newUser();
    await fund(user, 550);
    expect(await walletOf(user)).toBe(550);
    expect(await count('select sum(amount) as n from ledger_entries where account = ?', Account.wallet(user))).toBe(
      550,
    );
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('returns the first result for a retry with the same key and payload, writing nothing more', async () => {
    const user = await newUser();
    const draft = purchaseDraft({ userId: user, purchaseId: 'retry', tokens: 100, bonusTokens: 0, packName: 'x' });
    const first = await commit(env.DB, draft, `key:${user}`, [paidPurchase(user, 'retry', 100)]);
    const again = await commit(env.DB, draft, `key:${user}`, [paidPurchase(user, 'retry', 100)]);
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    expect(await walletOf(user)).toBe(100);
  });

  it('refuses the same key with another payload (409) and writes nothing', async () => {
    const user = await newUser();
    await commit(
      env.DB,
      purchaseDraft({ userId: user, purchaseId: `a${user}`, tokens: 100, bonusTokens: 0, packName: 'x' }),
      `key2:${user}`,
      [paidPurchase(user, `a${user}`, 100)],
    );
    const before = await count('select count(*) as n from ledger_entries');
    await expect(
      commit(
        env.DB,
        purchaseDraft({ userId: user, purchaseId: `a${user}`, tokens: 999, bonusTokens: 0, packName: 'x' }),
        `key2:${user}`,
      ),
    ).rejects.toMatchObject({ kind: 'IDEMPOTENCY_CONFLICT' });
    expect(await count('select count(*) as n from ledger_entries')).toBe(before);
    expect(await walletOf(user)).toBe(100);
  });

  it('refuses an overdraft as a whole and writes nothing', async () => {
    const tipper = await newUser();
    const performer = await newUser('performer');
    await fund(tipper, 50);
    const before = await count('select count(*) as n from ledger_transactions');
    await expect(
      commit(env.DB, tipDraft({ tipperId: tipper, performerId: performer, amount: 51 }, 30), `tip:${tipper}:1`),
    ).rejects.toMatchObject({ kind: 'INSUFFICIENT_FUNDS' });
    expect(await count('select count(*) as n from ledger_transactions')).toBe(before);
    expect(await walletOf(tipper)).toBe(50);
    expect(await earningsBalance(performer)).toBe(0);
  });

  it('never lets an entry or a transaction be changed or deleted', async () => {
    const user = await newUser();
    await fund(user, 10);
    await expect(env.DB.prepare('update ledger_entries set amount = amount + 1').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('delete from ledger_entries').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("update ledger_transactions set kind = 'tip'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('delete from ledger_transactions').run()).rejects.toThrow(/append-only/);
  });

  it('lands exactly once when the reply to a committed write is lost and the write is retried', async () => {
    const user = await newUser();
    const draft = purchaseDraft({
      userId: user,
      purchaseId: `lost${user}`,
      tokens: 300,
      bonusTokens: 0,
      packName: 'x',
    });
    // The first attempt commits, but the caller never hears back (a dropped connection).
    await commit(env.DB, draft, `lost:${user}`, [paidPurchase(user, `lost${user}`, 300)]).catch(() => undefined);
    const retried = await commit(env.DB, draft, `lost:${user}`, [paidPurchase(user, `lost${user}`, 300)]);
    expect(retried.replayed).toBe(true);
    expect(await count('select count(*) as n from ledger_transactions where idempotency_key = ?', `lost:${user}`)).toBe(
      1,
    );
    expect(await walletOf(user)).toBe(300);
  });
});

describe('group-committed tips', () => {
  it('commits many tips in one batch, rejecting only the tipper who is short', async () => {
    const performer = await newUser('performer');
    const [rich, poor, other] = await Promise.all([newUser(), newUser(), newUser()]);
    await Promise.all([fund(rich, 1000), fund(poor, 5), fund(other, 100)]);
    const outcomes = await commitTips(
      env.DB,
      [
        { tipperId: rich, performerId: performer, amount: 100, idempotencyKey: `t:${rich}:1` },
        { tipperId: poor, performerId: performer, amount: 10, idempotencyKey: `t:${poor}:1` },
        { tipperId: other, performerId: performer, amount: 100, idempotencyKey: `t:${other}:1` },
        { tipperId: rich, performerId: performer, amount: 900, idempotencyKey: `t:${rich}:2` },
        { tipperId: rich, performerId: performer, amount: 1, idempotencyKey: `t:${rich}:3` },
      ],
      30,
    );
    expect(outcomes.map((o) => (o.status === 'accepted' ? 'ok' : o.reason))).toEqual([
      'ok',
      'INSUFFICIENT_FUNDS',
      'ok',
      'ok',
      'INSUFFICIENT_FUNDS',
    ]);
    expect(await walletOf(rich)).toBe(0);
    expect(await walletOf(poor)).toBe(5);
    expect(await earningsBalance(performer)).toBe(70 + 70 + 630);
    expect(await balanceOf(env.DB, Account.fees)).toBeGreaterThanOrEqual(30 + 30 + 270);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('answers a repeated tip id with the first result, also within one batch', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 100);
    const tip = { tipperId: fan, performerId: performer, amount: 40, idempotencyKey: `t:${fan}:same` };
    const [a, b] = await commitTips(env.DB, [tip, tip], 30);
    const [c] = await commitTips(env.DB, [tip], 30);
    expect(a).toMatchObject({ status: 'accepted', replayed: false });
    expect(b).toMatchObject({ status: 'accepted', replayed: true });
    expect(c).toMatchObject({ status: 'accepted', replayed: true, balance: 60 });
    expect(await walletOf(fan)).toBe(60);
    const [d] = await commitTips(env.DB, [{ ...tip, amount: 41 }], 30);
    expect(d).toMatchObject({ status: 'rejected', reason: 'IDEMPOTENCY_CONFLICT' });
  });

  it('refuses tips from a frozen wallet', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 100);
    await env.DB.prepare("insert into wallet_freezes (user_id, reason, created_at) values (?, 'chargeback', ?)")
      .bind(fan, Date.now())
      .run();
    const [outcome] = await commitTips(
      env.DB,
      [{ tipperId: fan, performerId: performer, amount: 10, idempotencyKey: `t:${fan}:f` }],
      30,
    );
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'WALLET_FROZEN', balance: 100 });
  });

  it('lets at most two of many concurrent half-balance tips through, and no balance goes below zero', async () => {
    const performer = await newUser('performer');
    const fan = await newUser();
    await fund(fan, 100);
    const attempts = Array.from({ length: 12 }, (_, i) =>
      commitTips(
        env.DB,
        [{ tipperId: fan, performerId: performer, amount: 50, idempotencyKey: `t:${fan}:race${i}` }],
        30,
      ),
    );
    const outcomes = (await Promise.all(attempts)).flat();
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(2);
    expect(await walletOf(fan)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
