import type { User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';

/**
 * Unconfirmed accounts may watch and chat but not move money in or go on air (issue 14): a typo in the
 * address would otherwise leave a buyer or a performer with no way to recover the account or its earnings.
 */
export function requireVerifiedEmail(user: User, action: 'buy tokens' | 'go live' | 'join a fan club'): User {
  if (user.emailVerifiedAt === null)
    throw new ApiError(403, 'EMAIL_UNVERIFIED', `Confirm your email address to ${action}: use the link we sent you`);
  return user;
}
