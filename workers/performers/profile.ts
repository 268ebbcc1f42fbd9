import { and, count, eq } from 'drizzle-orm';
import type { PerformerCard, PerformerProfile } from '../../wire/profile.ts';
import type { Database } from '../db/index.ts';
import { follows, performerProfiles, users, type PerformerProfileRow, type User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { pictureUrl } from '../pictures/store.ts';

export type Performer = { user: User; profile: PerformerProfileRow };

export async function findPerformer(db: Database, handle: string): Promise<Performer> {
  const [row] = await db
    .select({ user: users, profile: performerProfiles })
    .from(users)
    .innerJoin(performerProfiles, eq(performerProfiles.userId, users.id))
    .where(and(eq(users.handle, handle.toLowerCase()), eq(users.status, 'active')))
    .limit(1);
  if (!row) throw new ApiError(404, 'NOT_FOUND', `No performer called @${handle}`);
  return row;
}

/** Only the performer themself may change their profile. */
export async function findOwnPerformer(db: Database, handle: string, caller: User): Promise<Performer> {
  const performer = await findPerformer(db, handle);
  if (performer.user.id !== caller.id) throw new ApiError(403, 'FORBIDDEN', 'You can only edit your own profile');
  return performer;
}

export async function publicProfile(db: Database, performer: Performer, viewerId: string | undefined): Promise<PerformerProfile> {
  const [followers, mine] = await db.batch([
    db.select({ n: count() }).from(follows).where(eq(follows.performerId, performer.user.id)),
    db
      .select({ n: count() })
      .from(follows)
      .where(and(eq(follows.performerId, performer.user.id), eq(follows.followerId, viewerId ?? ''))),
  ]);
  return {
    ...card(performer),
    bio: performer.profile.bio,
    coverUrl: pictureUrl(performer.profile.coverKey),
    schedule: performer.profile.schedule ?? null,
    links: performer.profile.links,
    followerCount: followers[0]?.n ?? 0,
    following: (mine[0]?.n ?? 0) > 0,
  };
}

export function card({ user, profile }: Performer): PerformerCard {
  return { handle: user.handle, displayName: user.displayName, avatarUrl: pictureUrl(profile.avatarKey), tags: profile.tags };
}
