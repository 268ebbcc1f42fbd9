import { createRoute, z } from '@hono/zod-openapi';
import { PushKey } from '../../../wire/notifications.ts';
import { router } from '../../app.ts';
import { database } from '../../db/index.ts';
import { ApiError } from '../../errors.ts';
import { vapidPublicKey } from '../../notifications/push.ts';
import { readUnsubscribeToken, unsubscribeEmail } from '../../notifications/unsubscribe.ts';
import { errors, json } from '../../openapi.ts';

const tags = ['Notifications'];

export const notificationsPublic = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/push-key',
      tags,
      summary: "The server's VAPID public key, for PushManager.subscribe (null where push is not set up)",
      responses: { 200: json(PushKey, 'The key') },
    }),
    (c) => c.json({ publicKey: vapidPublicKey(c.env) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/unsubscribe',
      tags,
      summary: 'One-click unsubscribe from notification emails (RFC 8058); the token is in the email',
      request: { query: z.object({ token: z.string().min(10).max(200) }) },
      responses: {
        200: json(z.object({ message: z.string() }), 'Unsubscribed'),
        ...errors([400, 'Unknown or altered token']),
      },
    }),
    async (c) => {
      const userId = await readUnsubscribeToken(c.env, c.req.valid('query').token);
      if (!userId) throw new ApiError(400, 'LINK_INVALID', 'This unsubscribe link is not valid');
      await unsubscribeEmail(database(c.env), userId);
      return c.json({ message: 'You will get no more notification emails. Account emails still reach you.' }, 200);
    },
  );
