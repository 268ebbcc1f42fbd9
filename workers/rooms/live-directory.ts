import { desc, eq, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { performerProfiles, users } from '../db/schema.ts';

/**
 * The live directory: up to 100 rooms live now whose performer is active, most watched first.
 * `blockedRegions` is the stored text, for safety/geo.ts parseBlockList to read leniently.
 */
export function liveDirectory(db: D1Database) {
  return database({ DB: db })
    .select({
      handle: liveRooms.handle,
      displayName: users.displayName,
      avatarKey: performerProfiles.avatarKey,
      title: liveRooms.title,
      tags: liveRooms.tags,
      viewers: liveRooms.viewers,
      startedAt: liveRooms.startedAt,
      blockedRegions: sql<string | null>`${performerProfiles.blockedRegions}`,
    })
    .from(liveRooms)
    .innerJoin(users, sql`${users.id} = ${liveRooms.performerId} and ${users.status} = 'active'`)
    .leftJoin(performerProfiles, eq(performerProfiles.userId, liveRooms.performerId))
    .orderBy(desc(liveRooms.viewers), liveRooms.startedAt)
    .limit(100);
}
