import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type {
  CancelFanClubResult,
  FanClubMembersResponse,
  FanClubView,
  JoinFanClubResult,
  MyMemberships,
} from '../../wire/fan-club.ts';
import { fanClubMembers, isFanClubMember } from '../../workers/fan-club/members.ts';
import { errorOf, signedUp } from '../client.ts';
import { count, earningsBalance, walletOf } from '../money/fixtures.ts';
import {
  DAY,
  expectLedgerOk,
  fanClubCharges,
  join,
  joined,
  membershipOf,
  performerWithClub,
  viewerWith,
} from './fixtures.ts';

describe('joining a fan club', () => {
  it('charges the first 30 days at once at the usual split and makes the viewer a member', async () => {
    const performer = await performerWithClub({ priceTokens: 101 });
    const viewer = await viewerWith(500);
    const before = await count(
      "select coalesce(sum(balance), 0) as n from account_balances where account = 'platform:fees'",
    );
    const result = await joined(viewer, performer.handle);
    expect(result).toMatchObject({ charged: 101, balance: 399, replayed: false });
    expect(result.membership).toMatchObject({ status: 'active', member: true, renews: true, priceTokens: 101 });
    const period = Date.parse(result.membership.periodEnd) - Date.parse(result.membership.periodStart);
    expect(period).toBe(30 * DAY);
    expect(await walletOf(viewer.id)).toBe(399);
    // 70% to the performer, rounded down; the platform keeps the rest.
    expect(await earningsBalance(performer.id)).toBe(70);
    const after = await count(
      "select coalesce(sum(balance), 0) as n from account_balances where account = 'platform:fees'",
    );
    expect(after - before).toBe(31);
    expect(await isFanClubMember(env, performer.id, viewer.id)).toBe(true);
    const stranger = await viewerWith(0);
    expect([...(await fanClubMembers(env, performer.id, [viewer.id, stranger.id, performer.id]))]).toEqual([viewer.id]);
    const mine = (await (await viewer.browser.fetch('/api/me/fan-clubs')).json()) as MyMemberships;
    expect(mine.memberships.map((m) => m.performer.handle)).toEqual([performer.handle]);
    await expectLedgerOk();
  });

  it('eight times at once with one key makes one membership and one charge, each answer the first', async () => {
    const performer = await performerWithClub();
    const viewer = await viewerWith(1000);
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => join(viewer, performer.handle, key)));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as JoinFanClubResult[];
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(bodies.every((b) => b.charged === 100 && b.membership.member)).toBe(true);
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
    expect(await walletOf(viewer.id)).toBe(900);
    expect(await count('select count(*) as n from fan_club_memberships where member_id = ?', viewer.id)).toBe(1);
    await expectLedgerOk();
  });

  it('eight times at once with different keys makes one membership and one charge', async () => {
    const performer = await performerWithClub();
    const viewer = await viewerWith(1000);
    const answers = await Promise.all(Array.from({ length: 8 }, () => join(viewer, performer.handle)));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as JoinFanClubResult[];
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(bodies.map((b) => b.charged).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 100]);
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
    expect(await walletOf(viewer.id)).toBe(900);
    await expectLedgerOk();
  });

  it('again as a member charges nothing', async () => {
    const performer = await performerWithClub();
    const viewer = await viewerWith(1000);
    await joined(viewer, performer.handle);
    expect(await joined(viewer, performer.handle)).toMatchObject({ charged: 0, replayed: false, balance: 900 });
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
  });

  it('is refused for one’s own club, a closed club, a short or frozen wallet, an unverified account', async () => {
    const performer = await performerWithClub();
    expect(await errorOf(await join(performer, performer.handle))).toMatchObject({ status: 409, code: 'OWN_FAN_CLUB' });
    const closed = await performerWithClub({ enabled: false });
    const rich = await viewerWith(1000);
    expect(await errorOf(await join(rich, closed.handle))).toMatchObject({ status: 409, code: 'FAN_CLUB_CLOSED' });
    const poor = await viewerWith(99);
    expect(await errorOf(await join(poor, performer.handle))).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_FUNDS',
    });
    expect(await walletOf(poor.id)).toBe(99);
    const frozen = await viewerWith(1000);
    await env.DB.prepare("insert into wallet_freezes (user_id, reason, created_at) values (?, 'chargeback', ?)")
      .bind(frozen.id, Date.now())
      .run();
    expect(await errorOf(await join(frozen, performer.handle))).toMatchObject({ status: 403, code: 'WALLET_FROZEN' });
    const { browser, user } = await signedUp();
    await env.DB.prepare('update users set email_verified_at = null where id = ?').bind(user.id).run();
    expect(
      await errorOf(
        await browser.post(`/api/performers/${performer.handle}/fan-club/join`, { idempotencyKey: 'abcdefgh' }),
      ),
    ).toMatchObject({ status: 403, code: 'EMAIL_UNVERIFIED' });
    for (const refused of [performer, rich, poor, frozen]) expect(await fanClubCharges(refused.id)).toEqual([]);
    expect(await membershipOf(poor, performer.handle)).toBeNull();
    const bad = await rich.browser.post(`/api/performers/${performer.handle}/fan-club/join`, { idempotencyKey: 'x' });
    expect(await errorOf(bad)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expectLedgerOk();
  });

  it('is a 404 for a performer hidden from the viewer’s country, as for a handle that does not exist', async () => {
    const performer = await performerWithClub();
    await env.DB.prepare(`update performer_profiles set blocked_regions = '["DE"]' where user_id = ?`)
      .bind(performer.id)
      .run();
    const viewer = await viewerWith(1000);
    const headers = { 'X-Encore-Test-Country': 'DE' };
    const hidden = await viewer.browser.post(
      `/api/performers/${performer.handle}/fan-club/join`,
      { idempotencyKey: crypto.randomUUID() },
      { headers },
    );
    expect(await errorOf(hidden)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await fanClubCharges(viewer.id)).toEqual([]);
  });
});

describe('cancelling a membership', () => {
  it('stops renewal, lasts to the end of the paid period, and answers the same twice', async () => {
    const performer = await performerWithClub();
    const viewer = await viewerWith(1000);
    const { membership } = await joined(viewer, performer.handle);
    const cancel = () => viewer.browser.post(`/api/performers/${performer.handle}/fan-club/cancel`);
    const [first, second] = await Promise.all([cancel(), cancel()]);
    const bodies = [(await first!.json()) as CancelFanClubResult, (await second!.json()) as CancelFanClubResult];
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]!.membership).toMatchObject({
      status: 'cancelled',
      member: true,
      renews: false,
      nextPriceTokens: null,
      periodEnd: membership.periodEnd,
    });
    expect(await (await cancel()).json()).toEqual(bodies[0]);
    expect(await isFanClubMember(env, performer.id, viewer.id)).toBe(true);
    // Joining again while paid time is left turns renewal back on, for nothing.
    expect(await joined(viewer, performer.handle)).toMatchObject({ charged: 0, membership: { status: 'active' } });
    expect(await fanClubCharges(viewer.id)).toHaveLength(1);
  });

  it('of a club one is not in is a 404', async () => {
    const performer = await performerWithClub();
    const viewer = await viewerWith(0);
    const response = await viewer.browser.post(`/api/performers/${performer.handle}/fan-club/cancel`);
    expect(await errorOf(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('the fan club routes', () => {
  it('show each person only their own membership, and the studio only to its performer', async () => {
    const performer = await performerWithClub({ perks: ['Shout-out'] });
    const member = await viewerWith(1000);
    await joined(member, performer.handle);
    const other = await viewerWith(0);
    const view = (await (
      await other.browser.fetch(`/api/performers/${performer.handle}/fan-club`)
    ).json()) as FanClubView;
    expect(view).toMatchObject({ club: { enabled: true, priceTokens: 100, perks: ['Shout-out'] }, membership: null });
    expect(await errorOf(await other.browser.fetch('/api/studio/fan-club/members'))).toMatchObject({ status: 403 });
    const put = await other.browser.fetch('/api/studio/fan-club', {
      method: 'PUT',
      json: { enabled: true, priceTokens: 100, perks: [] },
    });
    expect(put.status).toBe(403);
    const studio = (await (
      await performer.browser.fetch('/api/studio/fan-club/members')
    ).json()) as FanClubMembersResponse;
    expect(studio).toMatchObject({ memberCount: 1, members: [{ handle: member.handle, member: true }] });
    expect(studio.months[0]).toMatchObject({ members: 1, joins: 1, lapses: 0, recurringTokens: 100 });
  });

  it('refuse bad settings with a 400 that names the field and changes nothing', async () => {
    const performer = await performerWithClub({ priceTokens: 250 });
    for (const body of [
      { enabled: true, priceTokens: 5, perks: [] },
      { enabled: true, priceTokens: 100_000, perks: [] },
      { enabled: true, priceTokens: 100, perks: ['x'.repeat(81)] },
      { enabled: true, priceTokens: 100, perks: Array(9).fill('perk') },
    ]) {
      const response = await performer.browser.fetch('/api/studio/fan-club', { method: 'PUT', json: body });
      expect(await errorOf(response)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
    const settings = await (await performer.browser.fetch('/api/studio/fan-club')).json();
    expect(settings).toEqual({
      settings: { enabled: true, priceTokens: 250, perks: ['Badge in chat', 'Members-only chat'] },
    });
  });
});
