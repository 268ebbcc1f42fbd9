import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { FollowedPerformer, FollowState } from '../../wire/profile.ts';
import type { Database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { follows, performerProfiles, type User, users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { thumbnailUrl } from '../rooms/thumbnails.ts';
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
): Promise<FollowedPerformer[]> {
  const rows = await db
    .select({ user: users, profile: performerProfiles, live: liveRooms })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.performerId))
    .innerJoin(performerProfiles, eq(performerProfiles.userId, users.id))
    .leftJoin(liveRooms, eq(liveRooms.performerId, users.id))
    .where(and(eq(follows.followerId, followerId), eq(users.status, 'active')))
    // Who is live now first, most watched first; then the rest, oldest follow first.
    .orderBy(sql`${liveRooms.performerId} is null`, desc(liveRooms.viewers), follows.createdAt)
    .limit(200);
  // A performer who blocks the viewer's place is left out, as in the directory.
  return rows
    .filter((r) => !hidden(r.profile.blockedRegions))
    .map((r) => ({
      ...card(r),
      live: r.live
        ? { title: r.live.title, viewers: r.live.viewers, thumbnailUrl: thumbnailUrl(r.live.thumbnailKey) }
        : null,
    }));
}
