import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../errors.ts';
import { requireStandIns } from '../../stand-ins.ts';

/** Set by dev/start.ts to the device simulator's base (dev/devices/); never in wrangler.toml. */
type SimulatorVars = { DEVICE_SIMULATOR_URL?: string };

/**
 * Local stack only (404 elsewhere, see stand-ins.ts): where the device simulator listens, so the studio's
 * Devices panel can offer it as "Encore simulator". The page then talks to the simulator directly; no
 * device command passes through here.
 */
export const devDevices = new Hono<AppEnv>();

devDevices.use('*', requireStandIns);

devDevices.get('/', (c) => {
  const base = (c.env as Env & SimulatorVars).DEVICE_SIMULATOR_URL;
  if (!base?.startsWith('http://127.0.0.1:')) throw new ApiError(404, 'NOT_FOUND', 'No device simulator here');
  return c.json({ buttplug: `${base.replace('http://', 'ws://')}/buttplug`, lovense: base });
});
