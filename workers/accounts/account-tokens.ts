import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomSecret, sha256Hex } from '../auth/encoding.ts';
import { type AccountToken, accountTokens } from '../db/email-schema.ts';
import type { Database } from '../db/index.ts';
import { ApiError } from '../errors.ts';

export type TokenPurpose = AccountToken['purpose'];

/** How long each kind of emailed link works. */
export const LINK_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
  change_email: 24 * 60 * 60 * 1000,
};

/**
 * A new single-use link token for the account; earlier unused tokens of the same purpose stop working,
 * so only the newest email's link is live.
 */
export async function issueToken(
  db: Database,
  user: { id: string },
  purpose: TokenPurpose,
  email: string,
  now = Date.now(),
): Promise<string> {
  const token = randomSecret();
  await db.batch([
    db
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt))),
    db.insert(accountTokens).values({
      tokenHash: await sha256Hex(token),
      userId: user.id,
      purpose,
      email,
      expiresAt: now + LINK_LIFETIME_MS[purpose],
      createdAt: now,
    }),
  ]);
  return token;
}

/**
 * Spends a link token: one conditional update, so two clicks racing each other cannot both use it.
 * Unknown, used, expired and other-purpose tokens all get the same answer.
 */
export async function redeemToken(
  db: Database,
  token: string,
  purpose: TokenPurpose,
  now = Date.now(),
): Promise<{ userId: string; email: string }> {
  const [spent] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, await sha256Hex(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ userId: accountTokens.userId, email: accountTokens.email });
  if (!spent) throw linkInvalid();
  return spent;
}

export function linkInvalid(): ApiError {
  return new ApiError(
    400,
    'LINK_INVALID',
    'This link is not valid any more: it was used, replaced or expired. Ask for a new one.',
  );
}
