import { and, count, eq } from 'drizzle-orm';
import type { FollowState, PerformerCard } from '../../wire/profile.ts';
import type { Database } from '../db/index.ts';
import { follows, performerProfiles, type User, users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { card, type Performer } from './profile.ts';

/** Following twice is the same as once: the primary key makes the insert a no-op. */
export async function follow(db: Database, follower: User, performer: Performer): Promise<FollowState> {
  if (follower.id === performer.user.id) throw new ApiError(400, 'VALIDATION_FAILED', 'You cannot follow yourself');
  const [, counted] = await db.batch([
    db
      .insert(follows)
      .values({ followerId: follower.id, performerId: performer.user.id, createdAt: Date.now() })
      .onConflictDoNothing(),
    followerCount(db, performer.user.id),
  ]);
  return { following: true, followerCount: counted[0]?.n ?? 0 };
}

export async function unfollow(db: Database, follower: User, performer: Performer): Promise<FollowState> {
  const [, counted] = await db.batch([
    db.delete(follows).where(and(eq(follows.followerId, follower.id), eq(follows.performerId, performer.user.id))),
    followerCount(db, performer.user.id),
  ]);
  return { following: false, followerCount: counted[0]?.n ?? 0 };
}

function followerCount(db: Database, performerId: string) {
  return db.select({ n: count() }).from(follows).where(eq(follows.performerId, performerId));
}

export async function followedPerformers(
  db: Database,
  followerId: string,
  hidden: (blocked: string[]) => boolean = () => false,
): Promise<PerformerCard[]> {
  const rows = await db
    .select({ user: users, profile: performerProfiles })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.performerId))
    .innerJoin(performerProfiles, eq(performerProfiles.userId, users.id))
    .where(and(eq(follows.followerId, followerId), eq(users.status, 'active')))
    .orderBy(follows.createdAt)
    .limit(200);
  // A performer who blocks the viewer's place is left out, as in the directory.
  return rows.filter((r) => !hidden(r.profile.blockedRegions)).map(card);
}
