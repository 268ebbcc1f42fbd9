import type { FanClubView, Membership } from '../../wire/fan-club.ts';
import type { Performer } from '../performers/profile.ts';
import { notYet } from './notices.ts';

export async function clubView(_env: Env, _performer: Performer, _viewerId: string | null): Promise<FanClubView> {
  return notYet();
}

export async function myMemberships(_env: Env, _userId: string): Promise<Membership[]> {
  return notYet();
}
