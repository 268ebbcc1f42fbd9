import { eq } from 'drizzle-orm';
import type { FanClubSettings } from '../../wire/fan-club.ts';
import { fanClubSettings } from '../db/fan-club-schema.ts';
import { type Database, database } from '../db/index.ts';
import type { User } from '../db/schema.ts';
import { tellMembersOfPrice } from './notices.ts';

/** A club never set up: off, at a price the performer can start from. */
export const DEFAULT_SETTINGS: FanClubSettings = { enabled: false, priceTokens: 100, perks: [] };

export async function clubSettings(db: Database, performerId: string): Promise<FanClubSettings> {
  const [row] = await db.select().from(fanClubSettings).where(eq(fanClubSettings.performerId, performerId));
  return row ? { enabled: row.enabled, priceTokens: row.priceTokens, perks: row.perks } : DEFAULT_SETTINGS;
}

/**
 * Replaces the club's settings. A new price is only what the next renewal of each member charges (the period
 * already paid keeps its price); the members are told of it, in the app and by email, after the change landed.
 */
export async function saveClubSettings(
  env: Env,
  performer: User,
  next: FanClubSettings,
  defer: (work: Promise<unknown>) => Promise<void>,
): Promise<FanClubSettings> {
  const db = database(env);
  const before = await clubSettings(db, performer.id);
  const now = Date.now();
  await db
    .insert(fanClubSettings)
    .values({ performerId: performer.id, ...next, updatedAt: now })
    .onConflictDoUpdate({ target: fanClubSettings.performerId, set: { ...next, updatedAt: now } });
  if (before.priceTokens !== next.priceTokens)
    await tellMembersOfPrice(env, performer, before.priceTokens, next.priceTokens, now, defer);
  return next;
}
