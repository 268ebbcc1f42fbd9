import { eq } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { performerProfiles, type User, users } from '../db/schema.ts';

/**
 * Points the account at a new picture (or none) and deletes the old object after. A performer's account
 * picture is their profile avatar, so both change together and the header, cards and profile agree.
 */
export async function replaceAccountPicture(env: Env, user: User, key: string | null): Promise<User> {
  const db = database(env);
  const now = Date.now();
  const [profile] = await db
    .select({ key: performerProfiles.avatarKey })
    .from(performerProfiles)
    .where(eq(performerProfiles.userId, user.id));
  const old = new Set([user.avatarKey, profile?.key].filter((k): k is string => Boolean(k) && k !== key));
  const [updated] = await db.batch([
    db.update(users).set({ avatarKey: key, updatedAt: now }).where(eq(users.id, user.id)).returning(),
    db.update(performerProfiles).set({ avatarKey: key, updatedAt: now }).where(eq(performerProfiles.userId, user.id)),
  ]);
  if (old.size > 0) await env.MEDIA.delete([...old]);
  return updated[0] ?? user;
}

export async function renameAccount(env: Env, user: User, displayName: string): Promise<User> {
  const [updated] = await database(env)
    .update(users)
    .set({ displayName, updatedAt: Date.now() })
    .where(eq(users.id, user.id))
    .returning();
  return updated ?? user;
}
