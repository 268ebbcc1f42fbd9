import type { Context } from 'hono';
import { database } from '../db/index.ts';
import type { User } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { isRequestBlocked } from '../safety/geo.ts';
import { findPerformer, type Performer, performerNotFound } from './profile.ts';

/**
 * The performer a URL names, as the viewer making this request may see them: every route that
 * takes a performer's handle finds them here. A performer who blocks the viewer's place is, to
 * that viewer, a handle that does not exist, with the very same 404: a distinct answer on any
 * one route (a follow that works, a standing that answers) would tell them, and anyone probing
 * with a VPN, that the performer is there and which places they avoid. A performer is never
 * blocked from their own pages.
 */
export async function findVisiblePerformer(c: Context<AppEnv>, handle: string): Promise<Performer> {
  const viewerId = c.get('session')?.user.id;
  const performer = await findPerformer(database(c.env), handle, viewerId);
  if (viewerId !== performer.user.id && isRequestBlocked(performer.profile.blockedRegions, c.req.raw, c.env))
    throw performerNotFound(handle);
  return performer;
}

/**
 * Only the performer themself may change their profile; anyone else is told so, unless the handle is hidden
 * from them.
 */
export async function findOwnPerformer(c: Context<AppEnv>, handle: string, caller: User): Promise<Performer> {
  const performer = await findVisiblePerformer(c, handle);
  if (performer.user.id !== caller.id) throw new ApiError(403, 'FORBIDDEN', 'You can only edit your own profile');
  return performer;
}
