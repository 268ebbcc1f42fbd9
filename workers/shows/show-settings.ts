import { eq } from 'drizzle-orm';
import { DEFAULT_SHOW_SETTINGS, type ShowOffer, ShowSettings } from '../../wire/shows.ts';
import { database } from '../db/index.ts';
import { showSettings } from '../db/shows-schema.ts';

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
