import type { RejectReason } from '../../wire/room.ts';
import { blockedRegionsOf, isBlocked } from '../../workers/safety/geo.ts';
import type { Identity } from '../transport/identity.ts';

/**
 * Geo-blocks for paid shows: the Worker refuses a blocked place at the socket's upgrade, but the performer may
 * block the viewer's place while their socket stays open. So each show request, spy seat and group seat reads
 * the performer's block list afresh and refuses a place it names (the place the Worker saw at the upgrade).
 */
export async function placeRefusal(
  db: D1Database,
  performerId: string,
  who: Identity,
): Promise<{ reason: RejectReason; message: string } | undefined> {
  if (!who.place?.country) return undefined;
  const blocked = await blockedRegionsOf(db, performerId);
  if (!isBlocked(blocked, who.place.country, who.place.region)) return undefined;
  return { reason: 'GEO_BLOCKED', message: 'This performer does not take paid shows from where you are' };
}
