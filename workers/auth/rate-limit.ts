import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { database } from '../db/index.ts';
import { rateLimits } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { intVar } from '../env.ts';
import { ApiError } from '../errors.ts';

export type Window = { windowStart: number; count: number };

export function retryAfterSeconds(window: Window, now: number, windowMs: number): number {
  return Math.max(1, Math.ceil((window.windowStart + windowMs - now) / 1000));
}

/**
 * Counts one attempt against each key (for example the client IP and the account email) in D1,
 * so the limit holds across Worker isolates. One statement per key: an upsert that either
 * starts a new window or increments the current one, returning the result.
 */
export async function hitRateLimit(
  c: Context<AppEnv>,
  keys: string[],
  window: { limit: number; windowMs: number } | undefined = undefined,
): Promise<void> {
  // Sign-in and sign-up share the configured limit; other callers (media handshakes) pass their own.
  const limit = window?.limit ?? intVar(c.env.AUTH_RATE_LIMIT, 10);
  const windowMs = window?.windowMs ?? intVar(c.env.AUTH_RATE_WINDOW_SECONDS, 60) * 1000;
  const now = Date.now();
  const db = database(c.env);
  const statements = keys.map((key) =>
    db
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`case when ${now} - ${rateLimits.windowStart} >= ${windowMs}
                          then 1 else ${rateLimits.count} + 1 end`,
          windowStart: sql`case when ${now} - ${rateLimits.windowStart} >= ${windowMs}
                                then ${now} else ${rateLimits.windowStart} end`,
        },
      })
      .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count }),
  );
  const [first, ...rest] = statements;
  if (!first) return;
  const results = await db.batch([first, ...rest]);
  const worst = results.flat().filter((w) => w.count > limit);
  if (worst.length > 0) {
    const wait = Math.max(...worst.map((w) => retryAfterSeconds(w, now, windowMs)));
    throw new ApiError(429, 'RATE_LIMITED', `Too many attempts; try again in ${wait} seconds`, {
      headers: { 'Retry-After': String(wait) },
    });
  }
}

/**
 * The client's address as Cloudflare saw the connection. Trustworthy only because Cloudflare
 * overwrites whatever CF-Connecting-IP a client sends; the local stack's edge
 * (dev/client-ip-edge.ts) does the same, since wrangler dev would pass a client's value on.
 * Missing only when the Worker is called directly (tests), which all share one bucket.
 */
export function clientIp(c: Context<AppEnv>): string {
  return networkOf(c.req.header('CF-Connecting-IP') ?? 'unknown');
}

/**
 * The unit one client controls: an IPv4 address, or an IPv6 address's /64, since every IPv6
 * connection is handed a whole /64 and its holder can use a fresh address for each request (so
 * one guest could otherwise count as many in a room, or take a new rate-limit bucket each time).
 */
export function networkOf(address: string): string {
  if (!address.includes(':')) return address;
  // An IPv4 address written as IPv6 (::ffff:192.0.2.1) is that IPv4 client.
  if (address.includes('.')) return address.slice(address.lastIndexOf(':') + 1);
  const [head = '', tail] = address.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  // With "::", the zeros it stands for come before the tail's groups.
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array(Math.max(0, 8 - front.length - (tail ? tail.split(':').length : 0))).fill('0')];
  const prefix = groups.slice(0, 4);
  while (prefix.length < 4) prefix.push('0');
  return `${prefix.map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
