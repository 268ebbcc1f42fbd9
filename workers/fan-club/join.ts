import { and, eq } from 'drizzle-orm';
import type { JoinFanClubResult, Membership } from '../../wire/fan-club.ts';
import { requireVerifiedEmail } from '../accounts/verified-email.ts';
import { fanClubEvents, fanClubMemberships, type MembershipRow } from '../db/fan-club-schema.ts';
import { database } from '../db/index.ts';
import type { User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { Account } from '../money/accounts.ts';
import { moneyConfig } from '../money/config.ts';
import { InsufficientFunds } from '../money/errors.ts';
import { balanceOf } from '../money/ledger.ts';
import type { Performer } from '../performers/profile.ts';
import { chargePeriod } from './charges.ts';
import { clubSettings } from './settings.ts';
import { isMemberNow, membershipRow, toMembership } from './views.ts';

/**
 * Joins a fan club: the first period is charged at once (or the next period, on a rejoin after a lapse or a
 * cancellation that ran out). Many joins at once, with one key or many, pay one period: each period has one
 * ledger key (charges.ts). A member who joins again is charged nothing; one who cancelled renews again.
 */
export async function joinClub(
  env: Env,
  performer: Performer,
  member: User,
  idempotencyKey: string,
): Promise<JoinFanClubResult> {
  if (member.id === performer.user.id) throw new ApiError(409, 'OWN_FAN_CLUB', 'You cannot join your own fan club');
  requireVerifiedEmail(member, 'join a fan club');
  const db = database(env);
  const settings = await clubSettings(db, performer.user.id);
  const who = { handle: performer.user.handle, displayName: performer.user.displayName };
  const now = Date.now();
  const row = await ensureRow(env, performer.user.id, member.id, now);
  const answer = async (r: MembershipRow, charged: number, replayed: boolean): Promise<JoinFanClubResult> => ({
    membership: toMembership(r, who, settings.priceTokens),
    charged,
    replayed,
    balance: await balanceOf(env.DB, Account.wallet(member.id)),
  });
  // A resend of the join that paid: its first answer.
  if (row.joinKey === idempotencyKey && row.periodIndex >= 0) return answer(row, row.priceTokens, true);
  if (isMemberNow(row, now)) return answer(await resume(env, row, now), 0, false);
  if (!settings.enabled) throw new ApiError(409, 'FAN_CLUB_CLOSED', `${who.displayName}'s fan club is not open`);
  const result = await chargePeriod(
    env.DB,
    {
      membershipId: row.id,
      performerId: performer.user.id,
      memberId: member.id,
      periodIndex: row.periodIndex + 1,
      priceTokens: settings.priceTokens,
      reason: 'join',
      joinKey: idempotencyKey,
    },
    moneyConfig(env).platformFeePercent,
    now,
  );
  if (result.status === 'frozen') throw new ApiError(403, 'WALLET_FROZEN', 'Your wallet is frozen');
  if (result.status === 'short')
    throw new InsufficientFunds(`Joining costs ${settings.priceTokens} tokens; buy more tokens first`);
  // Landed now; or another join (this key resent, or another key) paid this period first.
  const after = (await membershipRow(db, performer.user.id, member.id))!;
  if (result.status === 'charged' && !result.replayed) return answer(after, settings.priceTokens, false);
  if (after.joinKey === idempotencyKey) return answer(after, after.priceTokens, true);
  if (isMemberNow(after, now)) return answer(after, 0, false);
  throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'The membership changed meanwhile; try again');
}

/** The pair's row, made on first use (no period paid yet), so concurrent joins all charge the same membership. */
async function ensureRow(env: Env, performerId: string, memberId: string, now: number): Promise<MembershipRow> {
  const db = database(env);
  await db
    .insert(fanClubMemberships)
    .values({
      id: crypto.randomUUID(),
      performerId,
      memberId,
      status: 'lapsed',
      periodIndex: -1,
      periodStart: now,
      periodEnd: now,
      priceTokens: 0,
      renews: false,
      joinedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  return (await membershipRow(db, performerId, memberId))!;
}

/** A cancelled member with paid time left who joins again renews again, without paying now. */
async function resume(env: Env, row: MembershipRow, now: number): Promise<MembershipRow> {
  if (row.status !== 'cancelled') return row;
  const [resumed] = await database(env)
    .update(fanClubMemberships)
    .set({ status: 'active', renews: true, updatedAt: now })
    .where(and(eq(fanClubMemberships.id, row.id), eq(fanClubMemberships.status, 'cancelled')))
    .returning();
  return resumed ?? row;
}

/** Stops renewal; the membership lasts to the end of the paid period. Cancelling again answers the same. */
export async function cancelMembership(env: Env, performer: Performer, member: User): Promise<Membership> {
  const db = database(env);
  const settings = await clubSettings(db, performer.user.id);
  const who = { handle: performer.user.handle, displayName: performer.user.displayName };
  const row = await membershipRow(db, performer.user.id, member.id);
  if (!row || row.periodIndex < 0) throw new ApiError(404, 'NOT_FOUND', `You are not in ${who.displayName}'s fan club`);
  if (row.status !== 'active' && row.status !== 'grace') return toMembership(row, who, settings.priceTokens);
  const now = Date.now();
  // In grace the unpaid period is not the member's: cancelling ends the membership at once.
  const [cancelled] = await db.batch([
    db
      .update(fanClubMemberships)
      .set({ status: 'cancelled', renews: false, graceUntil: null, updatedAt: now })
      .where(and(eq(fanClubMemberships.id, row.id), eq(fanClubMemberships.periodIndex, row.periodIndex)))
      .returning(),
    db
      .insert(fanClubEvents)
      .values({
        membershipId: row.id,
        periodIndex: row.periodIndex,
        kind: 'cancel',
        performerId: performer.user.id,
        at: now,
      })
      .onConflictDoNothing(),
  ]);
  return toMembership(
    cancelled[0] ?? (await membershipRow(db, performer.user.id, member.id))!,
    who,
    settings.priceTokens,
  );
}
