import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { FanClubMembersResponse } from '../../wire/fan-club.ts';
import { fanClubMembers, isFanClubMember } from '../../workers/fan-club/members.ts';
import { runRenewals } from '../../workers/fan-club/renewals.ts';
import { fund, walletOf } from '../money/fixtures.ts';
import {
  DAY,
  expectLedgerOk,
  fanClubCharges,
  joined,
  mailTo,
  membershipOf,
  noticesOf,
  type Person,
  performerWithClub,
  renewalsAt,
  viewerWith,
} from './fixtures.ts';

/** A D1 whose batches commit and then, for the first `failures` of them, answer with an error (a lost reply). */
function failingAfterCommit(db: D1Database, failures: number): D1Database {
  let failed = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          if (failed++ < failures) throw new Error('D1_ERROR: Network connection lost');
          return results;
        };
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function memberOf(performer: Person, tokens: number): Promise<{ viewer: Person; periodEnd: number }> {
  const viewer = await viewerWith(tokens);
  const { membership } = await joined(viewer, performer.handle);
  return { viewer, periodEnd: Date.parse(membership.periodEnd) };
}

describe('the renewal job', () => {
  it('charges each period once from the wallet, however often and however many at once it runs', async () => {
    const performer = await performerWithClub();
    const { viewer, periodEnd } = await memberOf(performer, 1000);
    await renewalsAt(periodEnd - 1000);
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
    await Promise.all(Array.from({ length: 4 }, () => renewalsAt(periodEnd + 60_000)));
    await renewalsAt(periodEnd + 120_000);
    expect(await fanClubCharges(viewer.id)).toHaveLength(2);
    const after = await membershipOf(viewer, performer.handle);
    expect(after).toMatchObject({ status: 'active', member: true, priceTokens: 100 });
    expect(Date.parse(after!.periodEnd)).toBe(periodEnd + 30 * DAY);
    await renewalsAt(periodEnd + 30 * DAY + 60_000);
    const charges = await fanClubCharges(viewer.id);
    expect(charges.map((c) => c.key.split(':').at(-1))).toEqual(['0', '1', '2']);
    expect(await walletOf(viewer.id)).toBe(700);
    expect((await noticesOf(viewer.id)).filter((n) => n.title.endsWith('renewed'))).toHaveLength(2);
    await expectLedgerOk();
  });

  it('after D1 fails with every change committed, a rerun charges nobody twice and misses nobody', async () => {
    const performer = await performerWithClub();
    const members = await Promise.all([
      memberOf(performer, 1000),
      memberOf(performer, 1000),
      memberOf(performer, 1000),
    ]);
    const at = Math.max(...members.map((m) => m.periodEnd)) + 60_000;
    // Every batch of this run commits, then its answer is lost.
    const run = await runRenewals({ ...env, DB: failingAfterCommit(env.DB, 100) }, at);
    expect(run.renewed).toBe(0);
    await runRenewals(env, at);
    await runRenewals(env, at);
    for (const { viewer } of members) {
      expect((await fanClubCharges(viewer.id)).map((c) => c.amount)).toEqual([100, 100]);
      expect((await noticesOf(viewer.id)).filter((n) => n.title.endsWith('renewed'))).toHaveLength(1);
    }
    await expectLedgerOk();
  });

  it('tells a member whose wallet is short, keeps them 3 days in grace, then lets them lapse and charges nothing more', async () => {
    const performer = await performerWithClub();
    const { viewer, periodEnd } = await memberOf(performer, 150);
    await renewalsAt(periodEnd + 60_000);
    await renewalsAt(periodEnd + 2 * 60_000);
    const grace = await membershipOf(viewer, performer.handle);
    expect(grace).toMatchObject({ status: 'grace', member: true });
    expect(Date.parse(grace!.graceUntil!)).toBe(periodEnd + 3 * DAY);
    expect(await isFanClubMember(env, performer.id, viewer.id)).toBe(true);
    expect((await noticesOf(viewer.id)).map((n) => n.title)).toEqual([
      `Your ${performer.handle.replace('u_', 'Fan ')} fan club membership could not renew`,
    ]);
    expect(await mailTo(viewer.id)).toEqual([expect.stringContaining('could not renew')]);
    await renewalsAt(periodEnd + 3 * DAY + 60_000);
    await renewalsAt(periodEnd + 3 * DAY + 2 * 60_000);
    expect(await membershipOf(viewer, performer.handle)).toMatchObject({ status: 'lapsed', member: false });
    expect(await isFanClubMember(env, performer.id, viewer.id)).toBe(false);
    expect((await noticesOf(viewer.id)).map((n) => n.title.split(' ').at(-1))).toEqual(['renew', 'lapsed']);
    expect(await mailTo(viewer.id)).toHaveLength(2);
    await fund(viewer.id, 1000);
    await renewalsAt(periodEnd + 40 * DAY);
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
    expect(await walletOf(viewer.id)).toBe(1050);
    const studio = (await (
      await performer.browser.fetch('/api/studio/fan-club/members')
    ).json()) as FanClubMembersResponse;
    expect(studio.memberCount).toBe(0);
    expect(studio.months.reduce((n, m) => n + m.lapses, 0)).toBe(1);
    // Rejoining after the lapse pays the next period at once.
    const again = await joined(viewer, performer.handle);
    expect(again).toMatchObject({ charged: 100, membership: { status: 'active', member: true } });
    expect((await fanClubCharges(viewer.id)).map((c) => c.key.split(':').at(-1))).toEqual(['0', '1']);
    await expectLedgerOk();
  });

  it('renews a member in grace who added tokens, from the end of the unpaid period', async () => {
    const performer = await performerWithClub();
    const { viewer, periodEnd } = await memberOf(performer, 100);
    await renewalsAt(periodEnd + 60_000);
    await fund(viewer.id, 100);
    await renewalsAt(periodEnd + DAY);
    const renewed = await membershipOf(viewer, performer.handle);
    expect(renewed).toMatchObject({ status: 'active', graceUntil: null });
    expect(Date.parse(renewed!.periodStart)).toBe(periodEnd);
    expect(await walletOf(viewer.id)).toBe(0);
  });

  it('puts a member whose wallet is frozen in grace instead of charging', async () => {
    const performer = await performerWithClub();
    const { viewer, periodEnd } = await memberOf(performer, 1000);
    await env.DB.prepare("insert into wallet_freezes (user_id, reason, created_at) values (?, 'chargeback', ?)")
      .bind(viewer.id, Date.now())
      .run();
    await renewalsAt(periodEnd + 60_000);
    expect(await membershipOf(viewer, performer.handle)).toMatchObject({ status: 'grace', member: true });
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
    expect(await walletOf(viewer.id)).toBe(900);
  });

  it('charges a new price only from each member’s next renewal, and tells the members', async () => {
    const performer = await performerWithClub({ priceTokens: 100 });
    const { viewer, periodEnd } = await memberOf(performer, 1000);
    const put = await performer.browser.fetch('/api/studio/fan-club', {
      method: 'PUT',
      json: { enabled: true, priceTokens: 150, perks: [] },
    });
    expect(put.status).toBe(200);
    expect(await membershipOf(viewer, performer.handle)).toMatchObject({ priceTokens: 100, nextPriceTokens: 150 });
    expect((await noticesOf(viewer.id)).map((n) => n.body)).toEqual([
      'It now costs 150 tokens a month (was 100), from your next renewal.',
    ]);
    await vi.waitFor(async () => expect(await mailTo(viewer.id)).toEqual([expect.stringContaining('new price')]));
    await renewalsAt(periodEnd + 60_000);
    expect((await fanClubCharges(viewer.id)).map((c) => c.amount)).toEqual([100, 150]);
    expect(await membershipOf(viewer, performer.handle)).toMatchObject({ priceTokens: 150 });
    await expectLedgerOk();
  });

  it('charges nobody who cancelled, and ends memberships of a club that was switched off', async () => {
    const performer = await performerWithClub();
    const { viewer: cancelled, periodEnd } = await memberOf(performer, 1000);
    const { viewer: kept } = await memberOf(performer, 1000);
    await cancelled.browser.post(`/api/performers/${performer.handle}/fan-club/cancel`);
    await renewalsAt(periodEnd + DAY);
    expect(await fanClubCharges(cancelled.id)).toHaveLength(1);
    expect(await membershipOf(cancelled, performer.handle)).toMatchObject({ status: 'cancelled', renews: false });
    expect((await fanClubMembers(env, performer.id, [cancelled.id], periodEnd + DAY)).size).toBe(0);
    await performer.browser.fetch('/api/studio/fan-club', {
      method: 'PUT',
      json: { enabled: false, priceTokens: 100, perks: [] },
    });
    const keptEnd = Date.parse((await membershipOf(kept, performer.handle))!.periodEnd);
    await renewalsAt(keptEnd + DAY);
    expect(await fanClubCharges(kept.id)).toHaveLength(2);
    await renewalsAt(keptEnd + 30 * DAY + DAY);
    expect(await fanClubCharges(kept.id)).toHaveLength(2);
    expect(await membershipOf(kept, performer.handle)).toMatchObject({ status: 'cancelled', renews: false });
    expect((await fanClubMembers(env, performer.id, [kept.id], keptEnd + 30 * DAY + DAY)).size).toBe(0);
    expect((await noticesOf(kept.id)).map((n) => n.title).at(-1)).toMatch(/fan club closed$/);
    await expectLedgerOk();
  });
});
