import { SHOW_MINUTE_MS } from '../../wire/shows.ts';
import { standInsEnabled } from '../stand-ins.ts';

type MinuteVars = { SHOW_MINUTE_MS?: string };

/**
 * The billing minute: 60 s, except on the local stack (the LOCAL_STAND_INS opt-in), where SHOW_MINUTE_MS
 * may shorten it (tests, the end-to-end run and bench:shows use 2 s). Anywhere else the variable is
 * ignored, so a deploy can never bill a short minute (production-settings.ts logs it if set).
 */
export function showMinuteMs(env: Env): number {
  const asked = (env as Env & MinuteVars).SHOW_MINUTE_MS;
  if (!asked || !standInsEnabled(env)) return SHOW_MINUTE_MS;
  const ms = Number(asked);
  return Number.isInteger(ms) && ms >= 500 && ms <= SHOW_MINUTE_MS ? ms : SHOW_MINUTE_MS;
}

/** A deploy with SHOW_MINUTE_MS set to anything but 60 s: refused (ignored) and named in the log. */
export function shortMinuteRefused(env: Env): boolean {
  const asked = (env as Env & MinuteVars).SHOW_MINUTE_MS;
  return asked !== undefined && asked !== '' && Number(asked) !== SHOW_MINUTE_MS && !standInsEnabled(env);
}
