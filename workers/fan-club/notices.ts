import type { FanClubSettings } from '../../wire/fan-club.ts';
import type { User } from '../db/schema.ts';
import { ApiError } from '../errors.ts';

export async function tellMembersOfPrice(
  _env: Env,
  _performer: User,
  _before: number,
  _next: FanClubSettings,
  _now: number,
): Promise<void> {}

export function notYet(): never {
  throw new ApiError(501, 'INTERNAL', 'Not built yet');
}
