import { and, count, desc, eq, gte, sql } from 'drizzle-orm';
import type { FanClubMembersResponse } from '../../wire/fan-club.ts';
import { fanClubEvents, fanClubMemberships } from '../db/fan-club-schema.ts';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { memberNow } from './members.ts';
import { isMemberNow } from './views.ts';

const MEMBERS_SHOWN = 500;
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * The studio's view of the club: its members (newest join first) and, per calendar month (UTC), who paid for
 * a period, joins, lapses and the tokens members paid, all read from the club's events (one per membership,
 * period and kind, written in the same batch as the charge or lapse they record).
 */
export async function clubFigures(
  db: Database,
  performerId: string,
  now = Date.now(),
): Promise<FanClubMembersResponse> {
  const ofClub = eq(fanClubMemberships.performerId, performerId);
  const rows = await db
    .select({ membership: fanClubMemberships, handle: users.handle, displayName: users.displayName })
    .from(fanClubMemberships)
    .innerJoin(users, eq(users.id, fanClubMemberships.memberId))
    .where(and(ofClub, gte(fanClubMemberships.periodIndex, 0)))
    .orderBy(desc(fanClubMemberships.joinedAt))
    .limit(MEMBERS_SHOWN);
  const [counted] = await db
    .select({ n: count() })
    .from(fanClubMemberships)
    .where(and(ofClub, gte(fanClubMemberships.periodIndex, 0), memberNow(now)));
  const month = sql<string>`strftime('%Y-%m', ${fanClubEvents.at} / 1000, 'unixepoch')`;
  const paid = sql`${fanClubEvents.kind} in ('join', 'renew')`;
  const months = await db
    .select({
      month,
      members: sql<number>`count(distinct case when ${paid} then ${fanClubEvents.membershipId} end)`,
      joins: sql<number>`sum(case when ${fanClubEvents.kind} = 'join' then 1 else 0 end)`,
      lapses: sql<number>`sum(case when ${fanClubEvents.kind} = 'lapse' then 1 else 0 end)`,
      recurringTokens: sql<number>`sum(case when ${paid} then ${fanClubEvents.tokens} else 0 end)`,
    })
    .from(fanClubEvents)
    .where(and(eq(fanClubEvents.performerId, performerId), gte(fanClubEvents.at, now - YEAR_MS)))
    .groupBy(month)
    .orderBy(desc(month))
    .limit(12);
  return {
    members: rows.map(({ membership: m, handle, displayName }) => ({
      handle,
      displayName,
      status: m.status,
      member: isMemberNow(m, now),
      periodEnd: new Date(m.periodEnd).toISOString(),
      renews: m.renews && (m.status === 'active' || m.status === 'grace'),
      joinedAt: new Date(m.joinedAt).toISOString(),
    })),
    memberCount: counted?.n ?? 0,
    months,
  };
}
