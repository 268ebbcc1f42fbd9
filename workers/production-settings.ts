import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { isProduction } from './env.ts';
import { log } from './log.ts';
import { shortMinuteRefused } from './shows/show-minute.ts';
import { isCloudflareAccessTeam } from './stand-ins.ts';

/**
 * The settings a production deploy needs, and what goes wrong without each, so an operator who
 * skipped a README step learns it from the first log line (and from /api/health, as an admin)
 * instead of from a user. A value still holding wrangler.toml's `set-me` placeholder counts as missing.
 */
const REQUIRED = {
  SESSION_SECRET: 'nobody can sign in',
  PASSWORD_PEPPER: 'nobody can sign up or sign in',
  STRIPE_SECRET_KEY: 'nobody can buy tokens or set up payouts',
  STRIPE_WEBHOOK_SECRET: 'paid checkouts are never credited',
  KYC_MASTER_KEYS: 'performers cannot upload identity documents',
  KYC_ACTIVE_KEY_ID: 'performers cannot upload identity documents',
  REALTIME_APP_ID: 'live video answers MEDIA_UNAVAILABLE',
  REALTIME_APP_SECRET: 'live video answers MEDIA_UNAVAILABLE',
  ACCESS_TEAM_DOMAIN: 'nobody can open the admin area',
  ACCESS_AUD: 'nobody can open the admin area',
  ADMIN_EMAILS: 'nobody can open the admin area',
} as const;
/** Without these the platform works; viewers behind strict NATs may get no video. */
const RECOMMENDED = ['REALTIME_TURN_KEY_ID', 'REALTIME_TURN_KEY_TOKEN'] as const;

export type SettingsReport = { missing: string[]; recommended: string[] };

export function productionSettings(env: Env): SettingsReport {
  const vars = env as unknown as Record<string, unknown>;
  const unset = (name: string) => {
    const value = vars[name];
    return typeof value !== 'string' || value.trim() === '' || value.startsWith('set-me');
  };
  const missing = Object.keys(REQUIRED).filter(unset);
  if (!missing.includes('ACCESS_TEAM_DOMAIN') && !isCloudflareAccessTeam(env.ACCESS_TEAM_DOMAIN))
    missing.push('ACCESS_TEAM_DOMAIN');
  return { missing, recommended: RECOMMENDED.filter(unset) };
}

let announced = false;

/**
 * Once per isolate, on its first request (Workers have no start-up hook with env): one log line naming what
 * is missing.
 */
export const announceMissingSettings: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!announced && isProduction(c.env)) {
    announced = true;
    const { missing, recommended } = productionSettings(c.env);
    if (missing.length > 0) {
      const effects = [...new Set(missing.map((name) => REQUIRED[name as keyof typeof REQUIRED]))];
      log('error', 'production_settings_missing', { missing, effects, recommended, fix: 'see README, Deploying' });
    }
    if (shortMinuteRefused(c.env))
      log('error', 'show_minute_refused', { fix: 'unset SHOW_MINUTE_MS: shows bill 60 s' });
    if (missing.length === 0 && recommended.length > 0) {
      log('warn', 'production_settings_recommended', { recommended });
    }
  }
  await next();
};
