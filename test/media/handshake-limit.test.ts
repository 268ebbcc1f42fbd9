import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../client.ts';
import { approvedRoom, publish } from './fixtures.ts';

/** wrangler.toml's [[ratelimits]] MEDIA_HANDSHAKES: handshakes per person per minute. */
const LIMIT = 120;

describe('media handshake limits', () => {
  it('refuse a flood of handshakes with 429 RATE_LIMITED, per person, without a D1 row', async () => {
    // Not live: every publish that passes the limiter is then refused 409 NOT_LIVE, before any SFU work.
    const room = await approvedRoom();
    const passed: number[] = [];
    let limited: Response | undefined;
    // The binding counts in fixed one-minute windows: twice the limit crosses at most one boundary,
    // so one window overflows whatever the clock says.
    for (let i = 0; i <= 2 * LIMIT && !limited; i++) {
      const response = await publish(room.performer, room.handle);
      if (response.status === 429) limited = response;
      else passed.push(response.status);
    }
    expect(limited).toBeDefined();
    expect(await errorOf(limited!.clone())).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(limited!.headers.get('Retry-After')).toBe('60');
    expect(passed.length).toBeGreaterThanOrEqual(LIMIT);
    expect(new Set(passed)).toEqual(new Set([409]));

    // Another performer is not held up by this one's flood.
    const other = await approvedRoom();
    expect(await errorOf(await publish(other.performer, other.handle))).toMatchObject({
      status: 409,
      code: 'NOT_LIVE',
    });
    // The count lives at the edge: D1 (the ledger's single writer) got no row for any of it.
    const rows = await env.DB.prepare("select count(*) as n from rate_limits where key like 'media:%'").first<{
      n: number;
    }>();
    expect(rows?.n).toBe(0);
  });
});
