import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../workers/index.ts';
import { ORIGIN } from './client.ts';

describe('/dev/devices, where the studio finds the device simulator', () => {
  it('names the simulator’s Buttplug and Lovense addresses on the local stack', async () => {
    const vars = { ...env, DEVICE_SIMULATOR_URL: 'http://127.0.0.1:45678' };
    const response = await app.request(`${ORIGIN}/dev/devices`, {}, vars);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      buttplug: 'ws://127.0.0.1:45678/buttplug',
      lovense: 'http://127.0.0.1:45678',
    });
  });

  it('answers 404 where no simulator runs, or where it would point off this machine', async () => {
    expect((await app.request(`${ORIGIN}/dev/devices`, {}, env)).status).toBe(404);
    const elsewhere = { ...env, DEVICE_SIMULATOR_URL: 'http://192.0.2.1:45678' };
    expect((await app.request(`${ORIGIN}/dev/devices`, {}, elsewhere)).status).toBe(404);
  });

  it('answers 404 without the stand-ins opt-in, even with a simulator address', async () => {
    const { LOCAL_STAND_INS: _optIn, ...withoutOptIn } = env;
    const vars = { ...withoutOptIn, DEVICE_SIMULATOR_URL: 'http://127.0.0.1:45678' };
    expect((await app.request(`${ORIGIN}/dev/devices`, {}, vars)).status).toBe(404);
  });
});
