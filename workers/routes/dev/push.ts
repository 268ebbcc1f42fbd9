import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requireStandIns } from '../../stand-ins.ts';

/**
 * What the local push service received (the local stack only; 404 elsewhere), still encrypted: an
 * end-to-end test decrypts it with its subscription's keys and hands it to the page's service worker.
 */
export const devPush = new Hono<AppEnv>();

devPush.use('*', requireStandIns);

devPush.get('/received/times', async (c) => {
  if (!c.env.LOCAL_PUSH_SERVICE) return c.json({ pushes: [] });
  return c.json(await (await fetch(`${c.env.LOCAL_PUSH_SERVICE}/received/times`)).json());
});

devPush.get('/received', async (c) => {
  if (!c.env.LOCAL_PUSH_SERVICE) return c.json({ pushes: [] });
  const id = c.req.query('id') ?? '';
  const response = await fetch(`${c.env.LOCAL_PUSH_SERVICE}/received?id=${encodeURIComponent(id)}`);
  return c.json(await response.json());
});
