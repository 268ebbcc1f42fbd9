import { createRoute, z } from '@hono/zod-openapi';
import { HistoryResponse, TipFateResponse, WalletResponse } from '../../../../wire/money.ts';
import { ClientId } from '../../../../wire/room.ts';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { ApiError } from '../../../errors.ts';
import { Account } from '../../../money/accounts.ts';
import { walletHistory } from '../../../money/history.ts';
import { balanceOf } from '../../../money/ledger.ts';
import { tipFate } from '../../../money/tip-fate.ts';
import { errors, json } from '../../../openapi.ts';
import { walletFreezeOf } from '../../../safety/suspension.ts';
import { purchases } from './purchases.ts';

const tags = ['Wallet'];

export const wallet = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Your token balance',
      responses: { 200: json(WalletResponse, 'Balance and freeze state'), ...errors([401, 'Not signed in']) },
    }),
    async (c) => {
      const user = currentUser(c);
      const [balance, freeze] = await Promise.all([
        balanceOf(c.env.DB, Account.wallet(user.id)),
        walletFreezeOf(c.env.DB, user.id),
      ]);
      return c.json({ balance, frozen: freeze?.reason ?? null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/history',
      tags,
      summary: 'Your wallet history, newest first (purchases, tips sent, refunds)',
      request: {
        query: z.object({
          cursor: z.string().regex(/^\d+$/).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(25),
        }),
      },
      responses: {
        200: json(HistoryResponse, 'One page of history'),
        ...errors([400, 'Bad cursor'], [401, 'Not signed in']),
      },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(await walletHistory(c.env.DB, currentUser(c).id, cursor ? Number(cursor) : undefined, limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tips/{clientId}',
      tags,
      summary: 'What became of one of your tips, by the client id it was sent with (after a crash or a lost answer)',
      request: { params: z.object({ clientId: ClientId }) },
      responses: {
        200: json(TipFateResponse, 'The ledger accepted or refused it'),
        ...errors(
          [400, 'Not a client id'],
          [401, 'Not signed in'],
          [
            404,
            'The ledger has no tip of yours with this client id ' +
              '(it may still be waiting in the room: ask again, or send it again with the same client id)',
          ],
        ),
      },
    }),
    async (c) => {
      const { clientId } = c.req.valid('param');
      // Keyed by the signed-in user: another person's client id finds nothing.
      const fate = await tipFate(c.env.DB, currentUser(c).id, clientId);
      if (fate.status === 'accepted')
        return c.json(
          {
            clientId,
            status: 'accepted' as const,
            tipId: fate.tipId,
            amount: fate.amount,
            room: fate.room,
            at: new Date(fate.at).toISOString(),
          },
          200,
        );
      if (fate.status === 'refused') return c.json({ clientId, status: 'refused' as const, reason: fate.reason }, 200);
      throw new ApiError(404, 'NOT_FOUND', 'No tip of yours with this client id is in the ledger');
    },
  )
  .route('/', purchases);
