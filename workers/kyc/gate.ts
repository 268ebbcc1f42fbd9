import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { requireVerifiedEmail } from '../accounts/verified-email.ts';
import { requireRole } from '../auth/session.ts';
import { database } from '../db/index.ts';
import { performerProfiles, type User } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/**
 * The one go-live gate: no performer goes on air, in the Room or through the media routes,
 * without an approved identity verification. `performer_profiles.kyc_status` is the flag the
 * KYC review keeps in step with `kyc_verifications.status`, so this stays a single indexed read.
 */
export const NOT_VERIFIED_MESSAGE = 'You can go live once your identity verification is approved';

export async function isApprovedPerformer(db: D1Database, userId: string): Promise<boolean> {
  const [row] = await database({ DB: db })
    .select({ kycStatus: performerProfiles.kycStatus })
    .from(performerProfiles)
    .where(eq(performerProfiles.userId, userId));
  return row?.kycStatus === 'approved';
}

/** The signed-in performer, if their email is confirmed and their verification approved; 401/403 otherwise. */
export async function requireApprovedPerformer(c: Context<AppEnv>): Promise<User> {
  const performer = requireVerifiedEmail(requireRole(c, 'performer'), 'go live');
  if (!(await isApprovedPerformer(c.env.DB, performer.id))) throw new ApiError(403, 'FORBIDDEN', NOT_VERIFIED_MESSAGE);
  return performer;
}
