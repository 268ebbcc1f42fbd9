import type { FanClubMembersResponse } from '../../wire/fan-club.ts';
import type { Database } from '../db/index.ts';
import { notYet } from './notices.ts';

export async function clubFigures(_db: Database, _performerId: string): Promise<FanClubMembersResponse> {
  return notYet();
}
