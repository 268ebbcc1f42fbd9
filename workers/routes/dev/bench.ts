import { Hono } from 'hono';
import { sessionToken } from '../../auth/session.ts';
import type { AppEnv } from '../../env.ts';
import { benchAccounts } from '../../money/bench-accounts.ts';
import { moneyConfig } from '../../money/config.ts';
import { tipDraft } from '../../money/drafts.ts';
import { commit } from '../../money/ledger.ts';
import { commitTips, type KeyedTip } from '../../money/tips.ts';
import { roomStub, unwrapRoom } from '../../rooms/room-stub.ts';
import { requireStandIns } from '../../stand-ins.ts';

/**
 * Local stack only (404 elsewhere, see stand-ins.ts): drives the tip primitive from inside workerd for
 * `npm run bench:ledger`, so group commit and one batch per tip are timed on the same database
 * in the same run, with no HTTP in between.
 */
export const devBench = new Hono<AppEnv>();

devBench.use('*', requireStandIns);

devBench.post('/setup', async (c) => {
  const { tippers, tokens } = await c.req.json<{ tippers: number; tokens: number }>();
  return c.json(await benchAccounts(c.env.DB, tippers, tokens));
});

devBench.post('/tips', async (c) => {
  const { performer, tippers, count, batchSize, mode } = await c.req.json<{
    performer: string;
    tippers: string[];
    count: number;
    batchSize: number;
    mode: 'naive' | 'group';
  }>();
  const fee = moneyConfig(c.env).platformFeePercent;
  const run = crypto.randomUUID();
  const tips: KeyedTip[] = Array.from({ length: count }, (_, i) => ({
    tipperId: tippers[i % tippers.length]!,
    performerId: performer,
    amount: 1 + (i % 5),
    idempotencyKey: `tip:${run}:${i}`,
  }));
  const started = performance.now();
  let accepted = 0;
  if (mode === 'naive') {
    // The simple path: each tip is its own money operation, one D1 batch, awaited in turn.
    for (const tip of tips) {
      await commit(c.env.DB, tipDraft(tip, fee), tip.idempotencyKey);
      accepted += 1;
    }
  } else {
    for (let i = 0; i < tips.length; i += batchSize) {
      const outcomes = await commitTips(c.env.DB, tips.slice(i, i + batchSize), fee);
      accepted += outcomes.filter((o) => o.status === 'accepted').length;
    }
  }
  // Workers freeze the clock during CPU work; Date.now() advances on I/O, which D1 calls are.
  const seconds = (performance.now() - started) / 1000;
  return c.json({ count, accepted, seconds });
});

/** `npm run bench:room`: session cookies for the bench users, so their sockets can chat and tip. */
devBench.post('/sessions', async (c) => {
  const { users } = await c.req.json<{ users: string[] }>();
  return c.json({ tokens: await Promise.all(users.map((id) => sessionToken(c.env, { id, sessionVersion: 1 }))) });
});

/**
 * `npm run bench:room`: puts a room on the naive path (one D1 batch per tip, one frame per event per socket)
 * or back.
 */
devBench.post('/room-mode', async (c) => {
  const { handle, naive } = await c.req.json<{ handle: string; naive: boolean }>();
  unwrapRoom(await roomStub(c.env, handle).benchMode({ naive }));
  return c.json({ handle, naive });
});

/**
 * `npm run bench:room`: tips put straight on a Room's tip desk (no socket frames); answers reach the tippers'
 * sockets.
 */
devBench.post('/room-tips', async (c) => {
  const { handle, tippers, count, tag } = await c.req.json<{
    handle: string;
    tippers: string[];
    count: number;
    tag: string;
  }>();
  unwrapRoom(await roomStub(c.env, handle).benchMode({ tips: { tippers, count, tag } }));
  return c.json({ handle, count });
});

/**
 * `npm run bench:requests`: the room's clock moves ahead and its song-request job runs now, so waiting requests
 * expire and played ones are released without waiting out the real minutes.
 */
devBench.post('/room-requests-due', async (c) => {
  const { handle, ms } = await c.req.json<{ handle: string; ms: number }>();
  unwrapRoom(await roomStub(c.env, handle).requestsDueForTests(ms));
  return c.json({ handle, ms });
});
