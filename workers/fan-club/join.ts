import type { JoinFanClubResult, Membership } from '../../wire/fan-club.ts';
import type { User } from '../db/schema.ts';
import type { Performer } from '../performers/profile.ts';
import { notYet } from './notices.ts';

export async function joinClub(
  _env: Env,
  _performer: Performer,
  _member: User,
  _idempotencyKey: string,
): Promise<JoinFanClubResult> {
  return notYet();
}

export async function cancelMembership(_env: Env, _performer: Performer, _member: User): Promise<Membership> {
  return notYet();
}
