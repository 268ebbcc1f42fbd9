import { createRoute, z } from '@hono/zod-openapi';
import { router } from '../../app.ts';
import { log } from '../../log.ts';
import { errors, json } from '../../openapi.ts';
import { handleEvent, verifiedEvent } from '../../payments/webhook.ts';

const Received = z.object({ received: z.literal(true) });

/**
 * Events from the payment provider. No session and no Origin: the Stripe-Signature header over
 * the exact bytes received is the only credential, so the body is read raw, never re-parsed
 * before verification (a re-serialised body would not match the signature).
 */
export const payments = router().openapi(
  createRoute({
    method: 'post',
    path: '/stripe/webhook',
    tags: ['Payments'],
    summary:
      'Stripe webhook: signed events only ' +
      '(checkout completed, async payment, expired, refund, dispute, connected account updated)',
    description:
      'The body is a Stripe event as JSON, ' +
      'verified against the Stripe-Signature header before anything is read from it.',
    responses: {
      200: json(Received, 'Handled, already handled, or of a type Encore ignores'),
      ...errors(
        [400, 'Missing, tampered, foreign or stale signature, or a malformed account event; nothing was written'],
        [503, 'Arrived before the payment it refers to; Stripe will retry'],
      ),
    },
  }),
  async (c) => {
    const event = await verifiedEvent(
      await c.req.text(),
      c.req.header('Stripe-Signature'),
      c.env.STRIPE_WEBHOOK_SECRET,
    );
    const outcome = await handleEvent(c.env.DB, event);
    log('info', 'payment_event', { requestId: c.get('requestId'), eventId: event.id, type: event.type, outcome });
    return c.json({ received: true as const }, 200);
  },
);
