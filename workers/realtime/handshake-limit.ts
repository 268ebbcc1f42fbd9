import type { Context } from 'hono';
import { clientIp } from '../auth/rate-limit.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/** The period of the MEDIA_HANDSHAKES binding (wrangler.toml): the longest a refused page has to wait. */
const PERIOD_SECONDS = 60;

/**
 * Counts one media handshake for the signed-in person (or the address, when signed out) with the Workers
 * rate-limiting binding `MEDIA_HANDSHAKES` (120 a minute: a page makes 2 to 4 per join). The count lives at
 * the edge, so a handshake writes nothing to D1, the ledger's single writer; sign-in limits stay in D1
 * (auth/rate-limit.ts), where one global count matters.
 */
export async function countHandshake(c: Context<AppEnv>): Promise<void> {
  const user = c.get('session')?.user;
  const { success } = await c.env.MEDIA_HANDSHAKES.limit({
    key: user ? `media:user:${user.id}` : `media:ip:${clientIp(c)}`,
  });
  if (!success) {
    throw new ApiError(429, 'RATE_LIMITED', `Too many attempts; try again in ${PERIOD_SECONDS} seconds`, {
      headers: { 'Retry-After': String(PERIOD_SECONDS) },
    });
  }
}
