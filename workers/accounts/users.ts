import { eq, or, sql } from 'drizzle-orm';
import type { Me, Role } from '../../wire/account.ts';
import { constraintViolated } from '../db/constraint.ts';
import type { Database } from '../db/index.ts';
import { performerProfiles, termsAcceptances, type User, users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { pictureUrl } from '../pictures/store.ts';

export type NewAccount = {
  email: string;
  handle: string;
  passwordHash: string;
  displayName: string;
  dateOfBirth: string;
  role: Role;
  /** The Terms version accepted at sign-up, recorded with the time beside the account. */
  acceptedTerms: string;
};

export function toMe(user: User): Me {
  return {
    id: user.id,
    email: user.email,
    handle: user.handle,
    displayName: user.displayName,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    avatarUrl: pictureUrl(user.avatarKey),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** Refuses early (before the costly hash) when the email or handle is already in use. */
export async function assertAvailable(db: Database, email: string, handle: string): Promise<void> {
  const taken = await db
    .select({ email: users.email, handle: users.handle })
    .from(users)
    .where(sql`${users.email} = ${email} or ${users.handle} = ${handle}`)
    .limit(2);
  if (taken.some((u) => u.email === email)) throw emailTaken();
  if (taken.some((u) => u.handle === handle)) throw handleTaken();
}

/** The user row, its Terms acceptance and, for performers, an empty profile, in one all-or-nothing batch. */
export async function createAccount(db: Database, { acceptedTerms, ...account }: NewAccount): Promise<User> {
  const now = Date.now();
  const user: User = {
    id: crypto.randomUUID(),
    ...account,
    status: 'active',
    sessionVersion: 1,
    emailVerifiedAt: null,
    avatarKey: null,
    createdAt: now,
    updatedAt: now,
  };
  const insertUser = db.insert(users).values(user);
  const acceptance = db.insert(termsAcceptances).values({ userId: user.id, version: acceptedTerms, acceptedAt: now });
  try {
    if (account.role === 'performer') {
      await db.batch([
        insertUser,
        acceptance,
        db.insert(performerProfiles).values({ userId: user.id, updatedAt: now }),
      ]);
    } else {
      await db.batch([insertUser, acceptance]);
    }
  } catch (err) {
    // Two sign-ups raced past assertAvailable: the UNIQUE index decides, and we say which.
    if (constraintViolated(err, 'UNIQUE', 'users.email')) throw emailTaken();
    if (constraintViolated(err, 'UNIQUE', 'users.handle')) throw handleTaken();
    throw err;
  }
  return user;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.email, email) });
}

export async function findUserByHandle(db: Database, handle: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.handle, handle) });
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

/** Up to 25 accounts whose email or handle starts with `query` (an `@` before a handle is fine), or with that id. */
export async function searchUsers(db: Database, query: string): Promise<User[]> {
  const text = query.toLowerCase().replace(/^@/, '');
  // LIKE with the text taken literally, then a trailing wildcard.
  const like = `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db
    .select()
    .from(users)
    .where(
      or(
        sql`${users.email} like ${like} escape '\\'`,
        sql`${users.handle} like ${like} escape '\\'`,
        eq(users.id, text),
      ),
    )
    .orderBy(users.handle)
    .limit(25);
}

/** Bumps the session version, which invalidates every outstanding session token. */
export async function revokeSessions(
  db: Database,
  userId: string,
  extra: Partial<Pick<User, 'passwordHash' | 'emailVerifiedAt'>> = {},
): Promise<User> {
  const [updated] = await db
    .update(users)
    .set({ ...extra, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: Date.now() })
    .where(eq(users.id, userId))
    .returning();
  if (!updated) throw new ApiError(404, 'NOT_FOUND', 'That account no longer exists');
  return updated;
}

function emailTaken(): ApiError {
  return new ApiError(
    409,
    'EMAIL_TAKEN',
    'This email cannot be used for a new account. If it is yours, log in instead.',
    { fields: { email: 'Cannot be used for a new account; log in if it is yours' } },
  );
}

function handleTaken(): ApiError {
  return new ApiError(409, 'HANDLE_TAKEN', 'That handle is taken; pick another', {
    fields: { handle: 'Already taken' },
  });
}
