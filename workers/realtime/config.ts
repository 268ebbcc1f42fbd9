import { ApiError } from '../errors.ts';
import type { RealtimeConfig } from './calls-shapes.ts';

export type { RealtimeConfig };

/**
 * The Realtime app this Worker uses. Optional variables, so they are read through this typed
 * view rather than the generated Env: a deployment without live video still runs the rest.
 *   REALTIME_API_URL        base of the HTTPS API; empty means Cloudflare's. `npm run dev` and the
 *                           tests point it at the local dev SFU (http://127.0.0.1:<port>/v1).
 *   REALTIME_APP_ID         the Realtime app id.
 *   REALTIME_APP_SECRET     the app's secret (a secret: `wrangler secret put`); never sent to a browser.
 *   REALTIME_TURN_KEY_ID / REALTIME_TURN_KEY_TOKEN   the TURN key, when one is configured.
 */
export type RealtimeVars = {
  REALTIME_API_URL?: string;
  REALTIME_APP_ID?: string;
  REALTIME_APP_SECRET?: string;
  REALTIME_TURN_KEY_ID?: string;
  REALTIME_TURN_KEY_TOKEN?: string;
};

export const CLOUDFLARE_REALTIME_URL = 'https://rtc.live.cloudflare.com/v1';

export function realtimeConfig(env: Env): RealtimeConfig {
  const vars = env as Env & RealtimeVars;
  const appId = vars.REALTIME_APP_ID ?? '';
  const secret = vars.REALTIME_APP_SECRET ?? '';
  if (!appId || !secret) throw new ApiError(503, 'MEDIA_UNAVAILABLE', 'Live video is not set up on this server yet');
  const baseUrl = (vars.REALTIME_API_URL || CLOUDFLARE_REALTIME_URL).replace(/\/+$/, '');
  const host = new URL(baseUrl).hostname;
  const turn =
    vars.REALTIME_TURN_KEY_ID && vars.REALTIME_TURN_KEY_TOKEN
      ? { keyId: vars.REALTIME_TURN_KEY_ID, token: vars.REALTIME_TURN_KEY_TOKEN }
      : null;
  return { baseUrl, appId, secret, turn, local: host === '127.0.0.1' || host === 'localhost' || host === '[::1]' };
}
