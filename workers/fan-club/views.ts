import { and, desc, eq, gte } from 'drizzle-orm';
import type { FanClubView, Membership } from '../../wire/fan-club.ts';
import { fanClubMemberships, fanClubSettings, type MembershipRow } from '../db/fan-club-schema.ts';
import { type Database, database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import type { Performer } from '../performers/profile.ts';
import { clubSettings } from './settings.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether the row counts as a member at `now` (the same rule as members.ts, for one row in hand). */
export function isMemberNow(row: Pick<MembershipRow, 'status' | 'periodEnd' | 'periodIndex'>, now: number): boolean {
  if (row.periodIndex < 0) return false;
  return row.status === 'active' || row.status === 'grace' || (row.status === 'cancelled' && row.periodEnd > now);
}

export function toMembership(
  row: MembershipRow,
  performer: { handle: string; displayName: string },
  clubPrice: number | null,
  now = Date.now(),
): Membership {
  const renewing = row.renews && (row.status === 'active' || row.status === 'grace');
  return {
    performer,
    status: row.status,
    member: isMemberNow(row, now),
    periodStart: iso(row.periodStart),
    periodEnd: iso(row.periodEnd),
    renews: renewing,
    graceUntil: row.status === 'grace' && row.graceUntil !== null ? iso(row.graceUntil) : null,
    priceTokens: row.priceTokens,
    nextPriceTokens: renewing ? clubPrice : null,
    joinedAt: iso(row.joinedAt),
  };
}

/** The membership row of this pair, if it ever paid a period. */
export async function membershipRow(db: Database, performerId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(fanClubMemberships)
    .where(and(eq(fanClubMemberships.performerId, performerId), eq(fanClubMemberships.memberId, memberId)));
  return row;
}

export async function clubView(env: Env, performer: Performer, viewerId: string | null): Promise<FanClubView> {
  const db = database(env);
  const settings = await clubSettings(db, performer.user.id);
  const who = { handle: performer.user.handle, displayName: performer.user.displayName };
  const row = viewerId ? await membershipRow(db, performer.user.id, viewerId) : undefined;
  return {
    club: { ...who, ...settings },
    membership: row && row.periodIndex >= 0 ? toMembership(row, who, settings.priceTokens) : null,
  };
}

/** The person's memberships (any that ever paid), newest join first, with each club's price now. */
export async function myMemberships(env: Env, userId: string): Promise<Membership[]> {
  const rows = await database(env)
    .select({
      membership: fanClubMemberships,
      handle: users.handle,
      displayName: users.displayName,
      price: fanClubSettings.priceTokens,
    })
    .from(fanClubMemberships)
    .innerJoin(users, eq(users.id, fanClubMemberships.performerId))
    .leftJoin(fanClubSettings, eq(fanClubSettings.performerId, fanClubMemberships.performerId))
    .where(and(eq(fanClubMemberships.memberId, userId), gte(fanClubMemberships.periodIndex, 0)))
    .orderBy(desc(fanClubMemberships.joinedAt));
  const now = Date.now();
  return rows.map((r) =>
    toMembership(r.membership, { handle: r.handle, displayName: r.displayName }, r.price ?? null, now),
  );
}
