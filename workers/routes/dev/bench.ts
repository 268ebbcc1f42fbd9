import { Hono } from 'hono';
import { sessionToken } from '../../auth/session.ts';
import type { AppEnv } from '../../env.ts';
import { benchAccounts } from '../../money/bench-accounts.ts';
import { moneyConfig } from '../../money/config.ts';
import { tipDraft } from '../../money/drafts.ts';
import { commit } from '../../money/ledger.ts';
import { commitTips, type KeyedTip } from '../../money/tips.ts';
import { roomStub, unwrapRoom } from '../../rooms/room-stub.ts';
import { benchShowPairs } from '../../shows/bench-shows.ts';
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

/**
 * `npm run bench:notify`: `count` followers of `performerId`, each with a push subscription on the local
 * push service (`p256dh`, `auth`: one key pair for all) and email on. Written by the Worker, in batches.
 */
devBench.post('/followers', async (c) => {
  const { performerId, from, count, p256dh, auth } = await c.req.json<{
    performerId: string;
    from: number;
    count: number;
    p256dh: string;
    auth: string;
  }>();
  const now = Date.now();
  const statements: D1PreparedStatement[] = [];
  for (let i = from; i < from + count; i++) {
    const id = `bench-fan-${String(i).padStart(6, '0')}`;
    statements.push(
      c.env.DB.prepare(
        `insert into users (id, email, handle, password_hash, role, display_name, date_of_birth, status,
           session_version, email_verified_at, created_at, updated_at)
         values (?, ?, ?, 'x', 'viewer', ?, '1990-01-01', 'active', 1, ?, ?, ?) on conflict do nothing`,
      ).bind(id, `${id}@bench.local`, `bf_${i}`, `Fan ${i}`, now, now, now),
      c.env.DB.prepare(
        'insert into follows (follower_id, performer_id, created_at) values (?, ?, ?) on conflict do nothing',
      ).bind(id, performerId, now),
      c.env.DB.prepare(
        `insert into push_subscriptions (endpoint, user_id, p256dh, auth, created_at) values (?, ?, ?, ?, ?)
         on conflict do nothing`,
      ).bind(`https://push.encore.local/p/${id}`, id, p256dh, auth, now),
    );
  }
  await c.env.DB.batch(statements);
  return c.json({ created: count });
});

/** `npm run bench:shows`: performers taking private shows, each with a funded viewer. */
devBench.post('/shows-setup', async (c) => {
  const { count, tokens, rate } = await c.req.json<{ count: number; tokens: number; rate: number }>();
  return c.json({ pairs: await benchShowPairs(c.env.DB, count, tokens, rate) });
});

/** `npm run bench:shows`: one room goes live and its viewer's private show starts, ends, or reports its figures. */
devBench.post('/show', async (c) => {
  const order = await c.req.json<{
    handle: string;
    performerId: string;
    viewer: { userId: string; handle: string };
    step: 'start' | 'end' | 'figures';
  }>();
  const owner = { handle: order.handle, performerId: order.performerId };
  return c.json(unwrapRoom(await roomStub(c.env, order.handle).benchShow(owner, order.viewer, order.step)));
});
