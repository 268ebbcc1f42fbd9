import { createRoute, z } from '@hono/zod-openapi';
import { MeResponse, MeUpdateBody } from '../../../../wire/account.ts';
import { PICTURE_TYPES } from '../../../../wire/profile.ts';
import { renameAccount, replaceAccountPicture } from '../../../accounts/account-picture.ts';
import { toMe } from '../../../accounts/users.ts';
import { router } from '../../../app.ts';
import { currentUser } from '../../../auth/session.ts';
import { errors, json, jsonBody } from '../../../openapi.ts';
import { storePicture } from '../../../pictures/store.ts';

const tags = ['Accounts'];
const binary = z.string().openapi({ type: 'string', format: 'binary' });

/** How anyone (viewer or performer) appears: display name and picture, from account settings. */
export const meAccountProfile = router()
  .openapi(
    createRoute({
      method: 'patch',
      path: '/',
      tags,
      summary: 'Change your display name',
      request: { body: jsonBody(MeUpdateBody) },
      responses: { 200: json(MeResponse, 'You, renamed'), ...errors([400, 'Invalid name'], [401, 'Not signed in']) },
    }),
    async (c) => {
      const user = await renameAccount(c.env, currentUser(c), c.req.valid('json').displayName);
      return c.json({ user: toMe(user) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/avatar',
      tags,
      summary: 'Upload your picture (raw JPEG, PNG or WebP bytes, at most 5 MB); a performer’s is their avatar',
      request: {
        body: { required: true, content: Object.fromEntries(PICTURE_TYPES.map((t) => [t, { schema: binary }])) },
      },
      responses: {
        200: json(MeResponse, 'You, with the new picture'),
        ...errors([400, 'Empty upload'], [401, 'Not signed in'], [413, 'Larger than 5 MB'], [415, 'Not a picture']),
      },
    }),
    async (c) => {
      const caller = currentUser(c);
      const key = await storePicture(c.env.MEDIA, 'avatar', await c.req.arrayBuffer());
      return c.json({ user: toMe(await replaceAccountPicture(c.env, caller, key)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/avatar',
      tags,
      summary: 'Remove your picture',
      responses: { 200: json(MeResponse, 'You, without a picture'), ...errors([401, 'Not signed in']) },
    }),
    async (c) => c.json({ user: toMe(await replaceAccountPicture(c.env, currentUser(c), null)) }, 200),
  );
