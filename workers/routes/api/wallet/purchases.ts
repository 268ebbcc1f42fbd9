import { createRoute, z } from '@hono/zod-openapi';
import { CheckoutResponse, PacksResponse, PurchaseBody, PurchaseResponse } from '../../../../wire/money.ts';
import { requireVerifiedEmail } from '../../../accounts/verified-email.ts';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { ApiError } from '../../../errors.ts';
import { findPack, TOKEN_PACKS } from '../../../money/config.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { findOwnPurchase, purchaseView, startPurchase } from '../../../payments/purchases.ts';

const tags = ['Wallet'];
const PurchaseParams = z.object({ id: z.string().min(1).max(64) });

/** Buying tokens: the packs on sale, a checkout for one of them, and how that purchase is doing. */
export const purchases = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/packs',
      tags,
      summary: 'The token packs on sale (public: anyone may see the prices)',
      responses: { 200: json(PacksResponse, 'Every pack, cheapest first') },
    }),
    (c) => c.json({ packs: [...TOKEN_PACKS] }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/purchases',
      tags,
      summary: "Start buying a pack: returns the provider's checkout page to send the browser to",
      request: { body: jsonBody(PurchaseBody) },
      responses: {
        201: json(CheckoutResponse, 'The pending purchase and its checkout URL'),
        ...errors(
          [400, 'No such pack'],
          [401, 'Not signed in'],
          [403, 'Email address not confirmed yet'],
          [502, 'The payment provider is unavailable'],
        ),
      },
    }),
    async (c) => {
      const buyer = requireVerifiedEmail(currentUser(c), 'buy tokens');
      const { packId } = c.req.valid('json');
      const pack = findPack(packId);
      if (!pack)
        throw new ApiError(400, 'VALIDATION_FAILED', `There is no token pack "${packId}"`, {
          fields: { packId: 'No such token pack' },
        });
      return c.json(await startPurchase(c.env, new URL(c.req.url).origin, buyer, pack), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/purchases/{id}',
      tags,
      summary: 'One of your purchases, for the page the buyer returns to after paying',
      request: { params: PurchaseParams },
      responses: {
        200: json(PurchaseResponse, 'The purchase and its status'),
        ...errors([401, 'Not signed in'], [404, 'No such purchase of yours']),
      },
    }),
    async (c) => {
      const buyer = currentUser(c);
      const purchase = await findOwnPurchase(c.env.DB, c.req.valid('param').id, buyer.id);
      return c.json({ purchase: purchaseView(purchase) }, 200);
    },
  );
