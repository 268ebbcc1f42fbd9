import { eq, sql } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { performerProfiles } from '../db/schema.ts';
import { standInsEnabled } from '../stand-ins.ts';

/**
 * Geo-blocking: a performer's block list holds ISO 3166-1 country codes (`DE`) and, for finer
 * blocks, country-subdivision codes (`US-TX`, the country then Cloudflare's `regionCode`).
 * A viewer is blocked when their country is listed, or their country-and-region is.
 */

/** Where a request comes from, as far as the edge knows; both may be unknown. */
export interface RequestPlace {
  country: string | null;
  region: string | null;
}

/** Header a test or a local demo may set in place of `request.cf`; heard only where the local stand-ins are on. */
export const TEST_COUNTRY_HEADER = 'X-Encore-Test-Country';
export const TEST_REGION_HEADER = 'X-Encore-Test-Region';

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** A block-list entry as stored: upper case, `CC` or `CC-RRR`. */
export function isBlockEntry(entry: string): boolean {
  return COUNTRY.test(entry) || REGION.test(entry);
}

/**
 * Pure: whether a viewer at `country` / `region` is blocked by `blocked`. An unknown country is
 * never blocked (the edge sometimes cannot tell; `XX`/`T1` are not in any list a performer picks).
 */
export function isBlocked(blocked: readonly string[], country?: string | null, region?: string | null): boolean {
  if (!country || blocked.length === 0) return false;
  const cc = country.toUpperCase();
  if (blocked.includes(cc)) return true;
  if (!region) return false;
  // Cloudflare's regionCode is the subdivision without the country; accept a full code too.
  const rr = region.toUpperCase();
  const full = rr.startsWith(`${cc}-`) ? rr : `${cc}-${rr}`;
  return blocked.includes(full);
}

/**
 * The request's country and region from `request.cf`. On the local stack the test headers win:
 * offline `request.cf` is a placeholder, and tests and demos need to pretend to be elsewhere. Only
 * the stand-ins' opt-in turns them on, so a deploy without `--env production` cannot be told by a
 * client where it is (which would step around every geo-block).
 */
export function placeOf(request: Request, env: Env): RequestPlace {
  if (standInsEnabled(env)) {
    const country = request.headers.get(TEST_COUNTRY_HEADER);
    if (country)
      return { country: country.toUpperCase(), region: request.headers.get(TEST_REGION_HEADER)?.toUpperCase() ?? null };
  }
  const cf = (request as Request & { cf?: { country?: unknown; regionCode?: unknown } }).cf;
  const country = typeof cf?.country === 'string' ? cf.country : null;
  const region = typeof cf?.regionCode === 'string' ? cf.regionCode : null;
  return { country, region };
}

/** Whether `request` comes from a place `blocked` names. */
export function isRequestBlocked(blocked: readonly string[], request: Request, env: Env): boolean {
  const { country, region } = placeOf(request, env);
  return isBlocked(blocked, country, region);
}

/** A stored block list (JSON text in D1) as a list; a bad value blocks nothing rather than everything. */
export function parseBlockList(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The performer's stored block list (read leniently: a damaged list blocks nothing). */
export async function blockedRegionsOf(db: D1Database, performerId: string): Promise<string[]> {
  const [row] = await database({ DB: db })
    .select({ blocked: sql<string | null>`${performerProfiles.blockedRegions}` })
    .from(performerProfiles)
    .where(eq(performerProfiles.userId, performerId));
  return parseBlockList(row?.blocked);
}

export async function setBlockedRegions(db: D1Database, performerId: string, blocked: string[]): Promise<void> {
  await database({ DB: db })
    .update(performerProfiles)
    .set({ blockedRegions: blocked, updatedAt: Date.now() })
    .where(eq(performerProfiles.userId, performerId));
}
