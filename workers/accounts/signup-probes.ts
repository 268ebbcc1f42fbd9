import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { hitRateLimit } from '../auth/rate-limit.ts';
import { database } from '../db/index.ts';
import { rateLimits } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/**
 * Sign-up says when an email is already registered: until account email exists (a later issue),
 * that answer is the only way someone who forgot their account learns to log in instead. What we
 * refuse is using it as a directory. Each network (IP) gets a few "taken" answers an hour; once
 * spent, every sign-up from it is refused until the hour is up, whatever the email, so the refusal
 * itself says nothing about the address. The general per-IP and per-email limits still apply.
 */
export const TAKEN_ANSWERS = { limit: 5, windowMs: 60 * 60 * 1000 };

const key = (ip: string) => `signup:taken:ip:${ip}`;

/** 429 for any sign-up from a network that already drew its "taken" answers this hour. */
export async function refuseSpentNetwork(c: Context<AppEnv>, ip: string): Promise<void> {
  const row = await database(c.env).query.rateLimits.findFirst({ where: eq(rateLimits.key, key(ip)) });
  const now = Date.now();
  if (row && now - row.windowStart < TAKEN_ANSWERS.windowMs && row.count >= TAKEN_ANSWERS.limit)
    throw spent(row.windowStart + TAKEN_ANSWERS.windowMs - now);
}

/** Counts a "taken" answer against the network before it is given (atomically, so a burst cannot overdraw by much). */
export async function countTakenAnswer(c: Context<AppEnv>, ip: string, error: unknown): Promise<never> {
  if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') {
    await hitRateLimit(c, [key(ip)], TAKEN_ANSWERS).catch((limited: unknown) => {
      throw limited instanceof ApiError ? spent(TAKEN_ANSWERS.windowMs) : limited;
    });
  }
  throw error;
}

function spent(waitMs: number): ApiError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new ApiError(
    429,
    'RATE_LIMITED',
    `Too many sign-ups from this network; try again in ${minutes} minutes, or log in if you already have an account`,
    {
      headers: { 'Retry-After': String(Math.ceil(waitMs / 1000)) },
    },
  );
}
