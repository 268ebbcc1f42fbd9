import { and, count, eq } from 'drizzle-orm';
import { sha256Hex } from '../auth/encoding.ts';
import { constraintViolated } from '../db/constraint.ts';
import { knownDevices } from '../db/email-schema.ts';
import type { Database } from '../db/index.ts';
import { type User, users } from '../db/schema.ts';
import { sendMail } from '../email/mailer.ts';
import {
  confirmNewEmailMail,
  emailChangedMail,
  newDeviceMail,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from '../email/templates.ts';
import { ApiError } from '../errors.ts';
import { issueToken, linkInvalid, redeemToken } from './account-tokens.ts';
import { findUserByEmail, findUserById, revokeSessions } from './users.ts';

/**
 * Account email: verifying the address, resetting a forgotten password, changing the address, and the
 * notices that go with them. Links point at the web app's pages (`origin` is the site the request came
 * to), which post the token back to the API.
 */
export async function sendVerification(env: Env, db: Database, user: User, origin: string): Promise<void> {
  const token = await issueToken(db, user, 'verify_email', user.email);
  await sendMail(env, user.email, verifyEmailMail(user.displayName, `${origin}/verify-email?token=${token}`));
}

/** Marks the address verified if the link was sent to the account's current address. */
export async function verifyEmail(db: Database, token: string): Promise<void> {
  const { userId, email } = await redeemToken(db, token, 'verify_email');
  const verified = await db
    .update(users)
    .set({ emailVerifiedAt: Date.now(), updatedAt: Date.now() })
    .where(and(eq(users.id, userId), eq(users.email, email)))
    .returning({ id: users.id });
  // The address changed since the link was sent: this link proves nothing about the new one.
  if (verified.length === 0) throw linkInvalid();
}

/** Sends a reset link if an account has this address; the caller answers the same either way. */
export async function sendPasswordReset(env: Env, db: Database, email: string, origin: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (user?.status !== 'active') return;
  const token = await issueToken(db, user, 'reset_password', user.email);
  await sendMail(env, user.email, passwordResetMail(user.displayName, `${origin}/reset-password?token=${token}`));
}

/** Sets the new password and revokes every session (the caller signs this browser in again). */
export async function resetPassword(env: Env, db: Database, token: string, passwordHash: string): Promise<User> {
  const { userId } = await redeemToken(db, token, 'reset_password');
  const user = await findUserById(db, userId);
  if (user?.status !== 'active') throw linkInvalid();
  // The link arrived at the account's address: that proves the address too.
  const updated = await revokeSessions(db, userId, {
    passwordHash,
    emailVerifiedAt: user.emailVerifiedAt ?? Date.now(),
  });
  await sendMail(env, updated.email, passwordChangedMail(updated.displayName));
  return updated;
}

export async function noticePasswordChanged(env: Env, user: User): Promise<void> {
  await sendMail(env, user.email, passwordChangedMail(user.displayName));
}

/** Sends a confirmation link to the new address; nothing changes until it is opened. */
export async function requestEmailChange(
  env: Env,
  db: Database,
  user: User,
  newEmail: string,
  origin: string,
): Promise<void> {
  if (newEmail === user.email)
    throw new ApiError(400, 'VALIDATION_FAILED', 'That is already your email address', {
      fields: { newEmail: 'Already your address' },
    });
  // A taken address is only refused at confirmation, so this form cannot be used to test addresses.
  const token = await issueToken(db, user, 'change_email', newEmail);
  await sendMail(env, newEmail, confirmNewEmailMail(user.displayName, `${origin}/confirm-email?token=${token}`));
}

/** Moves the account to the confirmed address (verified by the link) and tells the old one. */
export async function confirmEmailChange(env: Env, db: Database, token: string): Promise<User> {
  const { userId, email } = await redeemToken(db, token, 'change_email');
  const before = await findUserById(db, userId);
  if (!before) throw linkInvalid();
  let updated: User | undefined;
  try {
    [updated] = await db
      .update(users)
      .set({ email, emailVerifiedAt: Date.now(), updatedAt: Date.now() })
      .where(eq(users.id, userId))
      .returning();
  } catch (error) {
    if (constraintViolated(error, 'UNIQUE', 'users.email'))
      throw new ApiError(409, 'EMAIL_TAKEN', 'Another account uses that address now; choose another');
    throw error;
  }
  if (!updated) throw linkInvalid();
  await sendMail(env, before.email, emailChangedMail(before.displayName, email));
  return updated;
}

/**
 * Records the browser (by its device cookie) for the account, and emails the owner when it is new,
 * except for the account's first device (sign-up, or the first sign-in after this feature shipped).
 */
export async function rememberDevice(
  env: Env,
  db: Database,
  user: User,
  device: string,
  description: string,
  now = Date.now(),
): Promise<void> {
  const deviceHash = await sha256Hex(device);
  const [seen] = await db.select({ n: count() }).from(knownDevices).where(eq(knownDevices.userId, user.id));
  const inserted = await db
    .insert(knownDevices)
    .values({ userId: user.id, deviceHash, firstSeenAt: now })
    .onConflictDoNothing()
    .returning({ userId: knownDevices.userId });
  if (inserted.length > 0 && (seen?.n ?? 0) > 0)
    await sendMail(env, user.email, newDeviceMail(user.displayName, description, new Date(now)));
}
