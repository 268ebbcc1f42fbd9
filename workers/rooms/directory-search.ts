import { and, desc, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DirectoryQuery, OfflineQuery } from '../../wire/directory.ts';
import { DIRECTORY_PAGE_SIZE } from '../../wire/directory.ts';
import { database } from '../db/index.ts';
import { liveRooms } from '../db/rooms-schema.ts';
import { performerProfiles, users } from '../db/schema.ts';
import type { RequestPlace } from '../safety/geo.ts';

/**
 * The directory's queries. Everything that decides what a page holds (search, tag, the viewer's place,
 * sort, the page) runs in SQL, so a page is always full and a performer hidden from the viewer's
 * country never takes a slot (or leaves a gap that would show something was taken out).
 */

/** A performer whose block list names the viewer's country, or country and region, is left out. */
function notHiddenFrom(place: RequestPlace): SQL | undefined {
  if (!place.country) return undefined;
  const cc = place.country.toUpperCase();
  const rr = place.region?.toUpperCase();
  const full = rr ? (rr.startsWith(`${cc}-`) ? rr : `${cc}-${rr}`) : cc;
  // A damaged list blocks nothing, as parseBlockList reads it.
  return sql`not exists (select 1 from json_each(case when json_valid(${performerProfiles.blockedRegions})
    then ${performerProfiles.blockedRegions} else '[]' end) where value in (${cc}, ${full}))`;
}

/** `%` and `_` typed into the search box are letters, not wildcards. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function hasTag(tags: SQLWrapper, tag: string): SQL {
  return sql`exists (select 1 from json_each(${tags}) where value = ${tag.toLowerCase()})`;
}

/** A name or handle containing `q`, or a tag equal to it. */
function matches(q: string, tags: SQLWrapper): SQL {
  const like = containing(q);
  return sql`(lower(${users.displayName}) like ${like} escape '\\' or ${users.handle} like ${like} escape '\\'
    or ${hasTag(tags, q)})`;
}

function page(rows: number, pageNumber: number): { offset: number; limit: number } {
  return { offset: (pageNumber - 1) * rows, limit: rows + 1 };
}

function nextPage<T>(rows: T[], pageNumber: number): { items: T[]; nextPage: number | null } {
  return {
    items: rows.slice(0, DIRECTORY_PAGE_SIZE),
    nextPage: rows.length > DIRECTORY_PAGE_SIZE ? pageNumber + 1 : null,
  };
}

/** Live rooms of active performers, matching the query, as the viewer at `place` may see them. */
export async function searchLiveRooms(db: D1Database, query: DirectoryQuery, place: RequestPlace) {
  const { offset, limit } = page(DIRECTORY_PAGE_SIZE, query.page);
  const rows = await database({ DB: db })
    .select({
      handle: liveRooms.handle,
      displayName: users.displayName,
      avatarKey: performerProfiles.avatarKey,
      thumbnailKey: liveRooms.thumbnailKey,
      title: liveRooms.title,
      tags: liveRooms.tags,
      viewers: liveRooms.viewers,
      startedAt: liveRooms.startedAt,
    })
    .from(liveRooms)
    .innerJoin(users, and(eq(users.id, liveRooms.performerId), eq(users.status, 'active')))
    .leftJoin(performerProfiles, eq(performerProfiles.userId, liveRooms.performerId))
    .where(
      and(
        notHiddenFrom(place),
        query.tag ? hasTag(liveRooms.tags, query.tag) : undefined,
        query.q ? matches(query.q, liveRooms.tags) : undefined,
      ),
    )
    .orderBy(
      ...(query.sort === 'newest'
        ? [desc(liveRooms.startedAt), desc(liveRooms.viewers)]
        : [desc(liveRooms.viewers), desc(liveRooms.startedAt)]),
      liveRooms.handle,
    )
    .limit(limit)
    .offset(offset);
  return nextPage(rows, query.page);
}

/** How many tags the directory offers as filters. */
export const POPULAR_TAGS = 12;

/**
 * The tags most used among all live rooms the viewer at `place` may see (not only the page loaded, nor only
 * the rooms a search matched), most rooms first: the directory's tag filters.
 */
export async function popularLiveTags(db: D1Database, place: RequestPlace) {
  const tag = sql<string>`tag.value`;
  const rooms = sql<number>`count(*)`;
  return (
    database({ DB: db })
      .select({ tag, rooms })
      .from(liveRooms)
      .innerJoin(users, and(eq(users.id, liveRooms.performerId), eq(users.status, 'active')))
      .leftJoin(performerProfiles, eq(performerProfiles.userId, liveRooms.performerId))
      // A damaged tag list counts for nothing rather than failing the whole directory.
      .innerJoin(
        sql`json_each(case when json_valid(${liveRooms.tags}) then ${liveRooms.tags} else '[]' end) as tag`,
        sql`1`,
      )
      .where(notHiddenFrom(place))
      .groupBy(tag)
      .orderBy(desc(rooms), tag)
      .limit(POPULAR_TAGS)
  );
}

/**
 * Active, verified performers who are not live now, matching the query (by their profile tags), those
 * with a schedule first, then by name. The page works out the next slot in the viewer's time zone.
 */
export async function searchOfflinePerformers(db: D1Database, query: OfflineQuery, place: RequestPlace) {
  const { offset, limit } = page(DIRECTORY_PAGE_SIZE, query.page);
  const tags = sql`${performerProfiles.tags}`;
  const rows = await database({ DB: db })
    .select({
      handle: users.handle,
      displayName: users.displayName,
      avatarKey: performerProfiles.avatarKey,
      tags: performerProfiles.tags,
      schedule: performerProfiles.schedule,
    })
    .from(performerProfiles)
    .innerJoin(users, and(eq(users.id, performerProfiles.userId), eq(users.status, 'active')))
    .where(
      and(
        eq(users.role, 'performer'),
        eq(performerProfiles.kycStatus, 'approved'),
        sql`not exists (select 1 from ${liveRooms} where ${liveRooms.performerId} = ${users.id})`,
        notHiddenFrom(place),
        query.tag ? hasTag(tags, query.tag) : undefined,
        query.q ? matches(query.q, tags) : undefined,
      ),
    )
    .orderBy(sql`${performerProfiles.schedule} is null`, sql`lower(${users.displayName})`, users.handle)
    .limit(limit)
    .offset(offset);
  return nextPage(rows, query.page);
}
