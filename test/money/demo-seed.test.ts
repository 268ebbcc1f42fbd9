import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO, seedSql } from '../../dev/seed.ts';
import { SEEDED_FAN, SEEDED_TIPS } from '../../dev/seed-money.ts';
import type { EarningsResponse, Payout, PayoutAccountResponse, PayoutResponse } from '../../wire/money.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { findPack } from '../../workers/money/config.ts';
import { purchaseDraft, tipDraft } from '../../workers/money/drafts.ts';
import { asAdmin } from '../access-token.ts';
import { Browser } from '../client.ts';

/** What `npm run dev` does with the seed file, statement by statement. */
async function applySeed(): Promise<void> {
  const sql = await seedSql(env.PASSWORD_PEPPER);
  for (const statement of sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean))
    await env.DB.prepare(statement).run();
}

const entriesOf = async (key: string) =>
  (
    await env.DB.prepare(
      `select e.account, e.amount from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
         where t.idempotency_key = ? order by e.account`,
    )
      .bind(key)
      .all<{ account: string; amount: number }>()
  ).results;
const sorted = (entries: { account: string; amount: number }[]) =>
  [...entries].sort((a, b) => a.account.localeCompare(b.account));

describe('the demo seed', () => {
  it('books the same money as the Worker would, once however often it runs, and passes the ledger check', async () => {
    await applySeed();
    await applySeed();
    const patron = findPack('patron')!;
    const purchase = purchaseDraft({
      userId: SEEDED_FAN.id,
      purchaseId: '00000000-0000-4000-8000-0000000000a1',
      tokens: patron.tokens,
      bonusTokens: patron.bonusTokens,
      packName: patron.name,
    });
    expect(await entriesOf('purchase:00000000-0000-4000-8000-0000000000a1')).toEqual(sorted(purchase.entries));
    const tip = tipDraft({ tipperId: SEEDED_FAN.id, performerId: DEMO.performer.id, amount: SEEDED_TIPS[0]! }, 30);
    expect(await entriesOf('tip:seed-0')).toEqual(sorted(tip.entries));
    expect(
      await env.DB.prepare(
        "select count(*) as n from ledger_transactions where idempotency_key like 'tip:seed-%'",
      ).first('n'),
    ).toBe(SEEDED_TIPS.length);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('lets the demo performer set up payouts, request one and have it approved, end to end', async () => {
    await applySeed();
    const nova = new Browser();
    expect(
      (await nova.post('/api/auth/login', { email: DEMO.performer.email, password: DEMO.performer.password })).status,
    ).toBe(200);
    const before = (await (await nova.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(before).toMatchObject({ payable: 7350, payoutAccount: 'not_started', payoutBlocker: 'NO_PAYOUT_ACCOUNT' });

    const setup = (await (await nova.post('/api/studio/payout-account', {})).json()) as PayoutAccountResponse;
    expect(setup).toMatchObject({ ready: false, status: 'pending' });
    const link = new URL(setup.onboardingUrl!);
    expect(
      (
        await nova.fetch(link.pathname, {
          method: 'POST',
          body: new URLSearchParams({ transfers: 'succeed', return: '/studio/earnings' }),
        })
      ).status,
    ).toBe(303);
    expect(await (await nova.post('/api/studio/payout-account', {})).json()).toEqual({
      ready: true,
      status: 'active',
      onboardingUrl: null,
    });
    expect(await (await nova.fetch('/api/studio/earnings')).json()).toMatchObject({
      payoutAccount: 'active',
      payoutBlocker: null,
    });

    const { payout } = (await (await nova.post('/api/studio/payouts', {})).json()) as PayoutResponse;
    expect(payout).toMatchObject({ amount: 7350, status: 'requested' });
    const approved = await new Browser().fetch('/api/admin/payouts/approve', {
      method: 'POST',
      json: { ids: [payout.id] },
      headers: await asAdmin(),
    });
    expect(((await approved.json()) as { payouts: Payout[] }).payouts[0]).toMatchObject({
      id: payout.id,
      status: 'paid',
    });
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });
});
