import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { GRACE_MS, runRenewals } from '../../workers/fan-club/renewals.ts';
import { moderate, outcome, say } from '../room/moderation-helpers.ts';
import { drained, later, liveRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import { joined, membershipOf, type Person, renewalsAt, verified } from './fixtures.ts';

/** A live performer with a fan club at 100 tokens, fan-club-only chat on, and a member watching with a socket. */
async function memberInFanClubOnlyRoom() {
  const { handle, performer, performerId } = await liveRoom();
  await verified(performerId);
  const club = { enabled: true, priceTokens: 100, perks: ['Members-only chat'] };
  expect((await performer.fetch('/api/studio/fan-club', { method: 'PUT', json: club })).status).toBe(200);
  // Exactly one period's worth: the renewal cannot be paid, so the member goes into grace and then lapses.
  const fan = await newViewer(100);
  await verified(fan.userId);
  const member: Person = { browser: fan.browser, id: fan.userId, handle: fan.handle };
  const { membership } = await joined(member, handle);
  const { socket: stage } = await RoomSocket.join(handle, performer);
  expect(outcome(await moderate(stage, { kind: 'modes', modes: { fanClubOnly: true } }))).toBe('accepted');
  const { socket, welcome } = await RoomSocket.join(handle, fan.browser);
  expect(welcome.you).toMatchObject({ handle: fan.handle, fanClub: true });
  expect(outcome(await say(socket, 'still a member'))).toBe('accepted');
  return { handle, performer, performerId, member, socket, periodEnd: Date.parse(membership.periodEnd) };
}

/** The Room binding as seen when the performer's Room cannot be reached. */
function roomUnreachable(): Env {
  const stub = { fanClubChanged: () => Promise.reject(new Error('Durable Object reset because its code was updated')) };
  return { ...env, ROOM: { ...env.ROOM, getByName: () => stub } as unknown as Env['ROOM'] };
}

/**
 * The paid period ran out a minute ago. A cancelled membership counts until its period end by the real clock
 * (the Room reads D1 with it), so the period is moved back rather than the job's clock forward.
 */
async function periodRanOut(performerId: string, memberId: string): Promise<void> {
  await env.DB.prepare('update fan_club_memberships set period_end = ? where performer_id = ? and member_id = ?')
    .bind(Date.now() - 60_000, performerId, memberId)
    .run();
}

describe('a fan-club membership ended by the renewal job reaches the open room', { timeout: 30_000 }, () => {
  it('takes the badge off a lapsed member’s open socket and refuses their next fan-club-only message', async () => {
    const { handle, member, socket, periodEnd } = await memberInFanClubOnlyRoom();
    await renewalsAt(periodEnd + 60_000);
    expect((await membershipOf(member, handle))?.status).toBe('grace');
    // In grace they are still a member: nothing changes in the room.
    expect(outcome(await say(socket, 'in grace'))).toBe('accepted');
    await renewalsAt(periodEnd + GRACE_MS + 60_000);
    expect((await membershipOf(member, handle))?.status).toBe('lapsed');
    await socket.next('standing', (m) => m.you.fanClub === undefined);
    expect(await say(socket, 'lapsed now')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
    await drained(handle, socket);
    expect(socket.eventsOf('chat').map((e) => e.message.text)).toEqual(['still a member', 'in grace']);
  });

  it('tells an evicted Room once however many runs lapse the member at the same moment', async () => {
    const { handle, socket, periodEnd } = await memberInFanClubOnlyRoom();
    await renewalsAt(periodEnd + 60_000);
    await evictDurableObject(roomStub(handle));
    const at = periodEnd + GRACE_MS + 60_000;
    const runs = await Promise.all(Array.from({ length: 4 }, () => runRenewals(env, at)));
    expect(runs.reduce((n, r) => n + r.lapsed, 0)).toBeGreaterThanOrEqual(1);
    await socket.next('standing', (m) => m.you.fanClub === undefined);
    expect(await say(socket, 'lapsed now')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
    await drained(handle, socket);
    // The badge changed once, so the page was told once.
    expect(socket.received.filter((m) => m.type === 'standing')).toHaveLength(1);
  });

  it('lapses the membership even when the Room cannot be told, and the Room’s own lookups catch up', async () => {
    const { handle, member, socket, periodEnd } = await memberInFanClubOnlyRoom();
    await renewalsAt(periodEnd + 60_000);
    const run = await runRenewals(roomUnreachable(), periodEnd + GRACE_MS + 60_000);
    expect(run.lapsed).toBe(1);
    expect((await membershipOf(member, handle))?.status).toBe('lapsed');
    // The Room still holds its cached yes until it runs out (a minute), then asks D1 again.
    await later(handle, 61_000);
    expect(await say(socket, 'after the cache')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
  });

  it('tells the room when the club is switched off and the paid period ends', async () => {
    const { handle, performer, performerId, member, socket } = await memberInFanClubOnlyRoom();
    const off = { enabled: false, priceTokens: 100, perks: [] };
    expect((await performer.fetch('/api/studio/fan-club', { method: 'PUT', json: off })).status).toBe(200);
    await periodRanOut(performerId, member.id);
    const run = await runRenewals(env, Date.now());
    expect(run.ended).toBe(1);
    expect((await membershipOf(member, handle))?.status).toBe('cancelled');
    await socket.next('standing', (m) => m.you.fanClub === undefined);
    expect(await say(socket, 'club closed')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
  });

  it('tells the room when a cancelled membership’s paid time runs out', async () => {
    const { handle, performerId, member, socket } = await memberInFanClubOnlyRoom();
    const cancel = await member.browser.post(`/api/performers/${handle}/fan-club/cancel`, {});
    expect(cancel.status).toBe(200);
    // Cancelled, the member keeps the paid period: still a member, badge and all.
    expect(outcome(await say(socket, 'cancelled, not over'))).toBe('accepted');
    expect(socket.received.some((m) => m.type === 'standing')).toBe(false);
    await periodRanOut(performerId, member.id);
    const run = await runRenewals(env, Date.now());
    expect(run.expired).toBeGreaterThanOrEqual(1);
    await socket.next('standing', (m) => m.you.fanClub === undefined);
    expect(await say(socket, 'over now')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
  });
});
