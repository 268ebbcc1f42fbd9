import { z } from 'zod';
import { ProfileUpdateBody } from '../../../wire/profile.ts';
import { database } from '../../db/index.ts';
import { ApiError } from '../../errors.ts';
import { findPerformer, type Performer, publicProfile, updateProfile } from '../../performers/profile.ts';
import type { McpCaller } from '../scopes.ts';
import { READ, tool } from '../tool.ts';

/** The caller's own performer record: the grant names them; a handle now someone else's is refused. */
async function ownPerformer(env: Env, caller: McpCaller): Promise<Performer> {
  const performer = await findPerformer(database(env), caller.performer.handle, caller.performer.userId);
  if (performer.user.id !== caller.performer.userId)
    throw new ApiError(403, 'FORBIDDEN', 'You can only edit your own profile');
  return performer;
}

/** Profile: the same fields, rules and query as the studio's profile form (PATCH /api/performers/:handle). */
export const profileTools = [
  tool({
    name: 'profile_read',
    scope: 'profile',
    title: 'Read profile',
    description: 'Your public profile: display name, bio, tags, links, weekly schedule and follower count.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ profile: publicProfile(await ownPerformer(env, caller)) }),
  }),
  tool({
    name: 'profile_update',
    scope: 'profile',
    title: 'Update profile',
    description:
      'Change any of display name, bio, tags (at most 10), links (https, at most 10) and the weekly schedule ' +
      '(a time zone and day/start/end slots; null removes it). Fields left out stay as they are; a field given ' +
      'replaces the old value.',
    input: ProfileUpdateBody,
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: async ({ env, caller }, fields) => ({
      profile: await updateProfile(database(env), await ownPerformer(env, caller), fields),
    }),
  }),
];
