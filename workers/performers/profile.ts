import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PerformerCard, PerformerProfile, ProfileUpdateBody } from '../../wire/profile.ts';
import type { Database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { follows, type PerformerProfileRow, performerProfiles, type User, users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { pictureUrl } from '../pictures/store.ts';

export type Performer = {
  user: User;
  profile: PerformerProfileRow;
  followerCount: number;
  following: boolean;
  /** The live show's title, or null when offline (from the live directory row). */
  liveTitle: string | null;
};

/**
 * A performer with their follower count and whether `viewerId` follows them, in one query: the
 * profile page is the most-read route, so it costs one round trip to D1. Routes that take a
 * handle from the URL use findVisiblePerformer (./visible.ts), which also applies geo-blocking.
 */
export async function findPerformer(db: Database, handle: string, viewerId?: string): Promise<Performer> {
  const [row] = await db
    .select({
      user: users,
      profile: performerProfiles,
      followerCount: sql<number>`(select count(*) from ${follows} where ${follows.performerId} = ${users.id})`,
      following: sql<number>`exists(select 1 from ${follows}
                               where ${follows.performerId} = ${users.id}
                                 and ${follows.followerId} = ${viewerId ?? ''})`,
      liveTitle: sql<string | null>`(select ${liveRooms.title} from ${liveRooms}
                                     where ${liveRooms.performerId} = ${users.id})`,
    })
    .from(users)
    .innerJoin(performerProfiles, eq(performerProfiles.userId, users.id))
    .where(and(eq(users.handle, handle.toLowerCase()), eq(users.status, 'active')))
    .limit(1);
  if (!row) throw performerNotFound(handle);
  return { ...row, following: row.following === 1 };
}

/** The one answer for a handle that names no one (or no one this viewer may see: ./visible.ts). */
export function performerNotFound(handle: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `No performer called @${handle}`);
}

/** The performer's own edit (the studio's profile form, or a connected app): any subset of the fields. */
export async function updateProfile(
  db: Database,
  performer: Performer,
  { displayName, ...fields }: ProfileUpdate,
): Promise<PerformerProfile> {
  const now = Date.now();
  await db.batch([
    db
      .update(performerProfiles)
      .set({ ...fields, updatedAt: now })
      .where(eq(performerProfiles.userId, performer.user.id)),
    db
      .update(users)
      .set({ displayName: displayName ?? performer.user.displayName, updatedAt: now })
      .where(eq(users.id, performer.user.id)),
  ]);
  return publicProfile(await findPerformer(db, performer.user.handle, performer.user.id));
}
type ProfileUpdate = z.output<typeof ProfileUpdateBody>;

export function publicProfile(performer: Performer): PerformerProfile {
  return {
    ...card(performer),
    bio: performer.profile.bio,
    coverUrl: pictureUrl(performer.profile.coverKey),
    schedule: performer.profile.schedule ?? null,
    links: performer.profile.links,
    followerCount: performer.followerCount,
    following: performer.following,
    live: performer.liveTitle === null ? null : { title: performer.liveTitle },
  };
}

export function card({ user, profile }: Pick<Performer, 'user' | 'profile'>): PerformerCard {
  return {
    handle: user.handle,
    displayName: user.displayName,
    avatarUrl: pictureUrl(profile.avatarKey),
    tags: profile.tags,
  };
}
