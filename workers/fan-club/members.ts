import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { fanClubMemberships } from '../db/fan-club-schema.ts';
import { database } from '../db/index.ts';

/**
 * Who counts as a member right now: active or in grace (until the renewal job lapses them), or cancelled with
 * paid time left. The Room asks through these two calls (badge, fan-club-only chat, tip-menu discount).
 */
export function memberNow(now: number) {
  return or(
    inArray(fanClubMemberships.status, ['active', 'grace']),
    and(eq(fanClubMemberships.status, 'cancelled'), sql`${fanClubMemberships.periodEnd} > ${now}`),
  );
}

export async function isFanClubMember(env: Pick<Env, 'DB'>, performerId: string, userId: string): Promise<boolean> {
  return (await fanClubMembers(env, performerId, [userId])).has(userId);
}

/** The members among `userIds` (any number: they travel as one JSON parameter). */
export async function fanClubMembers(
  env: Pick<Env, 'DB'>,
  performerId: string,
  userIds: string[],
  now = Date.now(),
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await database(env)
    .select({ id: fanClubMemberships.memberId })
    .from(fanClubMemberships)
    .where(
      and(
        eq(fanClubMemberships.performerId, performerId),
        inArray(fanClubMemberships.memberId, sql`(select value from json_each(${JSON.stringify(userIds)}))`),
        memberNow(now),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
