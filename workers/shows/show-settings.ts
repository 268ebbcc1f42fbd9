import { eq } from 'drizzle-orm';
import { DEFAULT_SHOW_SETTINGS, type ShowOffer, ShowSettings } from '../../wire/shows.ts';
import { database } from '../db/index.ts';
import { showSettings } from '../db/shows-schema.ts';
import { roomStub } from '../rooms/room-stub.ts';

/**
 * A performer's Paid shows settings, in D1: the studio writes them, the Room reads them at each request
 * (so a rate change applies to later shows only), the profile and directory read the offer.
 */
export async function readShowSettings(db: D1Database, performerId: string): Promise<ShowSettings> {
  const [row] = await database({ DB: db })
    .select({ settings: showSettings.settings })
    .from(showSettings)
    .where(eq(showSettings.performerId, performerId));
  // A row written by older code (or damaged) falls back to the defaults rather than failing the request.
  const parsed = row ? ShowSettings.safeParse(row.settings) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_SHOW_SETTINGS;
}

export async function saveShowSettings(
  db: D1Database,
  performerId: string,
  settings: ShowSettings,
  now = Date.now(),
): Promise<ShowSettings> {
  const values = {
    settings,
    privateOn: settings.privateOn,
    sessionsAvailable: settings.sessionsAvailable,
    updatedAt: now,
  };
  await database({ DB: db })
    .insert(showSettings)
    .values({ performerId, ...values })
    .onConflictDoUpdate({ target: showSettings.performerId, set: values });
  return settings;
}

type Owner = { id: string; handle: string };

/** The studio's save (its route and the MCP tool): D1 first, then the Room, whose buttons show the offer at once. */
export async function replaceShowSettings(env: Env, performer: Owner, settings: ShowSettings): Promise<ShowSettings> {
  const saved = await saveShowSettings(env.DB, performer.id, settings);
  await roomStub(env, performer.handle).showOfferChanged(
    { handle: performer.handle, performerId: performer.id },
    saved,
  );
  return saved;
}

/**
 * "Available for sessions" on or off, every other setting as it was. One statement changes the one field in
 * D1, so a studio save landing at the same moment loses nothing (a read, change and write would).
 */
export async function setSessionsAvailable(env: Env, performer: Owner, available: boolean): Promise<ShowSettings> {
  const now = Date.now();
  const fresh = { ...DEFAULT_SHOW_SETTINGS, sessionsAvailable: available };
  const row = await env.DB.prepare(
    `insert into show_settings (performer_id, settings, private_on, sessions_available, updated_at)
     values (?1, ?2, ?3, ?4, ?5)
     on conflict (performer_id) do update
       set settings = json_set(settings, '$.sessionsAvailable', json(?6)), sessions_available = ?4, updated_at = ?5
     returning settings`,
  )
    .bind(performer.id, JSON.stringify(fresh), fresh.privateOn ? 1 : 0, available ? 1 : 0, now, String(available))
    .first<{ settings: string }>();
  const parsed = row ? ShowSettings.safeParse(JSON.parse(row.settings)) : undefined;
  // A damaged row is read as the defaults everywhere (readShowSettings); the studio would save over it the same way.
  if (!parsed?.success) return replaceShowSettings(env, performer, fresh);
  await roomStub(env, performer.handle).showOfferChanged(
    { handle: performer.handle, performerId: performer.id },
    parsed.data,
  );
  return parsed.data;
}

/** What anyone may see of the settings (the room's buttons, the profile). */
export function offerOf(s: ShowSettings): ShowOffer {
  return {
    privateOn: s.privateOn,
    privateRate: s.privateRate,
    minimumMinutes: s.minimumMinutes,
    spyRate: s.spyRate,
    groupRate: s.groupRate,
    groupMinimum: s.groupMinimum,
    camToCam: s.camToCam,
    camToCamRate: s.camToCamRate,
    sessionsAvailable: s.sessionsAvailable,
    sessionRates: s.sessionRates,
  };
}
