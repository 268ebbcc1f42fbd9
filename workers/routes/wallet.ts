import { createRoute, z } from '@hono/zod-openapi';
import { HistoryResponse, WalletResponse } from '../../wire/money.ts';
import { router } from '../app.ts';
import { currentUser } from '../auth/session.ts';
import { errors, json } from '../openapi.ts';
import { walletHistory } from '../money/history.ts';
import { Account } from '../money/accounts.ts';
import { balanceOf } from '../money/ledger.ts';

export const wallet = router();

const tags = ['Wallet'];

wallet.openapi(
  createRoute({ method: 'get', path: '/', tags, summary: 'Your token balance', responses: { 200: json(WalletResponse, 'Balance and freeze state'), ...errors([401, 'Not signed in']) } }),
  async (c) => {
    const user = currentUser(c);
    const [balance, freeze] = await Promise.all([
      balanceOf(c.env.DB, Account.wallet(user.id)),
      c.env.DB.prepare('select reason from wallet_freezes where user_id = ?').bind(user.id).first<{ reason: string }>(),
    ]);
    return c.json({ balance, frozen: freeze?.reason ?? null }, 200);
  },
);

wallet.openapi(
  createRoute({
    method: 'get',
    path: '/history',
    tags,
    summary: 'Your wallet history, newest first (purchases, tips sent, refunds)',
    request: { query: z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) }) },
    responses: { 200: json(HistoryResponse, 'One page of history'), ...errors([400, 'Bad cursor'], [401, 'Not signed in']) },
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(await walletHistory(c.env.DB, currentUser(c).id, cursor ? Number(cursor) : undefined, limit), 200);
  },
);
