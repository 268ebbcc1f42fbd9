import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { FollowState, PerformerResponse, PICTURE_TYPES, ProfileUpdateBody } from '../../../wire/profile.ts';
import { router } from '../../app.ts';
import { currentUser } from '../../auth/session.ts';
import { database } from '../../db/index.ts';
import { type PerformerProfileRow, performerProfiles, users } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { errors, HandleParam, json, jsonBody } from '../../openapi.ts';
import { follow, unfollow } from '../../performers/follows.ts';
import { findPerformer, publicProfile, updateProfile } from '../../performers/profile.ts';
import { findOwnPerformer, findVisiblePerformer } from '../../performers/visible.ts';
import { type PictureKind, storePicture } from '../../pictures/store.ts';

const tags = ['Performers'];
const PictureParams = HandleParam.extend({ kind: z.enum(['avatar', 'cover']) });
const binary = z.string().openapi({ type: 'string', format: 'binary' });

export const performers = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{handle}',
      tags,
      summary: "A performer's public profile",
      request: { params: HandleParam },
      responses: { 200: json(PerformerResponse, 'The profile'), ...errors([404, 'No such performer']) },
    }),
    async (c) => {
      const performer = await findVisiblePerformer(c, c.req.valid('param').handle);
      return c.json({ performer: publicProfile(performer) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{handle}',
      tags,
      summary: 'Edit your own profile (any subset of the fields)',
      request: { params: HandleParam, body: jsonBody(ProfileUpdateBody) },
      responses: {
        200: json(PerformerResponse, 'The updated profile'),
        ...errors(
          [400, 'Invalid input'],
          [401, 'Not signed in'],
          [403, 'Not your profile'],
          [404, 'No such performer'],
        ),
      },
    }),
    async (c) => {
      const performer = await findOwnPerformer(c, c.req.valid('param').handle, currentUser(c));
      return c.json({ performer: await updateProfile(database(c.env), performer, c.req.valid('json')) }, 200);
    },
  )
  // Follow routes come before the picture routes: /{handle}/{kind} would otherwise match /follow.
  .openapi(followRoute('post', 'Follow a performer'), async (c) =>
    c.json(await changeFollow(c, c.req.valid('param').handle, follow), 200),
  )
  .openapi(followRoute('delete', 'Unfollow a performer'), async (c) =>
    c.json(await changeFollow(c, c.req.valid('param').handle, unfollow), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{handle}/{kind}',
      tags,
      summary: 'Upload your avatar or cover picture (raw JPEG, PNG or WebP bytes, at most 5 MB)',
      request: {
        params: PictureParams,
        body: { required: true, content: Object.fromEntries(PICTURE_TYPES.map((t) => [t, { schema: binary }])) },
      },
      responses: {
        200: json(PerformerResponse, 'The profile with the new picture'),
        ...errors(
          [400, 'Empty upload'],
          [401, 'Not signed in'],
          [403, 'Not your profile'],
          [413, 'Larger than 5 MB'],
          [415, 'Not a JPEG, PNG or WebP picture'],
        ),
      },
    }),
    async (c) => {
      const db = database(c.env);
      const caller = currentUser(c);
      const { handle, kind } = c.req.valid('param');
      const performer = await findOwnPerformer(c, handle, caller);
      const key = await storePicture(c.env.MEDIA, kind, await c.req.arrayBuffer());
      await replacePicture(c.env, performer.profile, kind, key);
      return c.json({ performer: publicProfile(await findPerformer(db, handle, caller.id)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{handle}/{kind}',
      tags,
      summary: 'Remove your avatar or cover picture',
      request: { params: PictureParams },
      responses: {
        200: json(PerformerResponse, 'The profile without the picture'),
        ...errors([401, 'Not signed in'], [403, 'Not your profile']),
      },
    }),
    async (c) => {
      const db = database(c.env);
      const caller = currentUser(c);
      const { handle, kind } = c.req.valid('param');
      const performer = await findOwnPerformer(c, handle, caller);
      await replacePicture(c.env, performer.profile, kind, null);
      return c.json({ performer: publicProfile(await findPerformer(db, handle, caller.id)) }, 200);
    },
  );

/** Follow and unfollow: one contract, two methods. */
function followRoute<M extends 'post' | 'delete'>(method: M, summary: string) {
  return createRoute({
    method,
    path: '/{handle}/follow',
    tags,
    summary,
    request: { params: HandleParam },
    responses: {
      200: json(FollowState, 'Whether you follow them now, and their follower count'),
      ...errors([401, 'Not signed in'], [404, 'No such performer']),
    },
  });
}

async function changeFollow(c: Context<AppEnv>, handle: string, change: typeof follow) {
  const follower = currentUser(c);
  const performer = await findVisiblePerformer(c, handle);
  return change(database(c.env), follower, performer);
}

/** Points the profile at the new object, then deletes the old one (never the other way round). */
async function replacePicture(
  env: Env,
  profile: PerformerProfileRow,
  kind: PictureKind,
  key: string | null,
): Promise<void> {
  const column = kind === 'avatar' ? 'avatarKey' : 'coverKey';
  const db = database(env);
  await db
    .update(performerProfiles)
    .set({ [column]: key, updatedAt: Date.now() })
    .where(eq(performerProfiles.userId, profile.userId));
  // The account's picture (the header's) is the profile avatar.
  if (kind === 'avatar') await db.update(users).set({ avatarKey: key }).where(eq(users.id, profile.userId));
  const old = profile[column];
  if (old) await env.MEDIA.delete(old);
}
