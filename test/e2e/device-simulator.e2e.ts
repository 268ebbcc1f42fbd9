import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceSimulator, startDeviceSimulator } from '../../dev/devices/simulator.ts';
import { ButtplugAdapter } from '../../web/src/features/studio/devices/buttplug-adapter.ts';
import type { DeviceAdapter } from '../../web/src/features/studio/devices/device-adapter.ts';
import { DeviceExecutor } from '../../web/src/features/studio/devices/device-executor.ts';
import { LovenseAdapter } from '../../web/src/features/studio/devices/lovense-adapter.ts';

// The studio's adapters and executor (web code, run in Node 22 with its own WebSocket and fetch) against the
// device simulator: the real `buttplug` client speaking to the simulated Buttplug server, and the Lovense
// adapter to the local API stand-in. No Worker involved: device commands never pass through it.
let simulator: DeviceSimulator;
const adapters: DeviceAdapter[] = [];

beforeAll(async () => {
  simulator = await startDeviceSimulator();
});
afterAll(() => simulator.close());
afterEach(async () => {
  for (const adapter of adapters.splice(0)) {
    await adapter.disconnect();
    // The server stops every device when a Buttplug client leaves: wait for that, so it is not the next test's.
    if (adapter.backend === 'buttplug') await recorded((c) => c.cause === 'client disconnected');
  }
  await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: false, restore: true }) });
  simulator.record.clear();
});

async function connected<A extends DeviceAdapter>(adapter: A, devices: number): Promise<A> {
  adapters.push(adapter);
  const listed = new Promise<void>((resolve) => {
    adapter.on('devices', (list) => list.length === devices && list.every((d) => d.battery !== null) && resolve());
  });
  await adapter.connect();
  if (!(adapter.devices().length === devices && adapter.devices().every((d) => d.battery !== null))) await listed;
  return adapter;
}

/** Resolves once the simulator's record holds a command matching `test`. */
async function recorded(test: (c: DeviceSimulator['record']['commands'][number]) => boolean): Promise<void> {
  if (simulator.record.commands.some(test)) return;
  await new Promise<void>((resolve) => {
    const off = simulator.record.onChange(() => {
      if (simulator.record.commands.some(test)) {
        off();
        resolve();
      }
    });
  });
}

describe('the simulator’s pages', () => {
  it('serves a page for humans and the devices’ current levels', async () => {
    const page = await fetch(simulator.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Encore device simulator');
    const state = (await (await fetch(`${simulator.url}/state`)).json()) as { devices: { name: string }[] };
    expect(state.devices.map((d) => d.name)).toEqual([
      'Encore simulator vibe',
      'Encore simulator twist',
      'lush',
      'nora',
    ]);
  });

  it('answers a Buttplug client that skips the handshake with an error, and garbage with an error', async () => {
    const ws = new WebSocket(simulator.buttplugUrl);
    await new Promise((resolve) => ws.addEventListener('open', resolve));
    const answers: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      ws.addEventListener('message', (event) => {
        answers.push(JSON.parse(String(event.data)));
        if (answers.length === 2) resolve();
      }),
    );
    ws.send('[{"RequestDeviceList":{"Id":7}}]');
    ws.send('not json');
    await two;
    ws.close();
    expect(answers).toEqual([
      [{ Error: { Id: 7, ErrorCode: 3, ErrorMessage: 'RequestServerInfo first' } }],
      [{ Error: { Id: 0, ErrorCode: 3, ErrorMessage: 'Not JSON' } }],
    ]);
  });
});

describe('the Buttplug adapter against the simulator', () => {
  it('lists both simulated devices with their features and battery', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    expect(adapter.devices()).toEqual([
      { id: '0', name: 'Encore simulator vibe', features: ['vibrate'], battery: 82 },
      { id: '1', name: 'Encore simulator twist', features: ['vibrate', 'rotate'], battery: 57 },
    ]);
  });

  it('sets every output of a device to the asked intensity and stops them all', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    await adapter.setIntensity('1', 50, 1000);
    await adapter.stopAll();
    expect(
      simulator.record.commands.map(({ device, kind, feature, intensity }) => ({ device, kind, feature, intensity })),
    ).toEqual([
      { device: 'Encore simulator twist', kind: 'output', feature: 'Vibrate', intensity: 50 },
      { device: 'Encore simulator twist', kind: 'output', feature: 'Rotate', intensity: 50 },
      { device: 'Encore simulator vibe', kind: 'stop', feature: undefined, intensity: undefined },
      { device: 'Encore simulator twist', kind: 'stop', feature: undefined, intensity: undefined },
    ]);
  });

  it('rejects a command the simulator refuses', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: true }) });
    await expect(adapter.setIntensity('0', 40, 1000)).rejects.toThrow(/refused/);
  });

  it('tells of a device that disappears', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    const gone = new Promise<string[]>((resolve) => adapter.on('devices', (l) => resolve(l.map((d) => d.name))));
    await fetch(`${simulator.url}/faults`, {
      method: 'POST',
      body: JSON.stringify({ remove: 'Encore simulator vibe' }),
    });
    expect(await gone).toEqual(['Encore simulator twist']);
  });

  it('fails to connect with a message naming the address when nothing listens there', async () => {
    await expect(new ButtplugAdapter('ws://127.0.0.1:1').connect()).rejects.toThrow(/ws:\/\/127\.0\.0\.1:1.*Intiface/);
  });

  it('reports the connection lost when the server goes away, and the server stops every device', async () => {
    const other = await startDeviceSimulator();
    const adapter = new ButtplugAdapter(other.buttplugUrl);
    await adapter.connect();
    const lost = new Promise<string>((resolve) => adapter.on('lost', resolve));
    await other.close();
    expect(await lost).toMatch(/Intiface/);
  });
});

describe('the Lovense adapter against the local API stand-in', () => {
  it('lists the toys with features and battery', async () => {
    const adapter = await connected(new LovenseAdapter(simulator.url), 2);
    expect(adapter.devices()).toEqual([
      { id: 'sim-lush-1', name: 'lush', features: ['vibrate'], battery: 74 },
      { id: 'sim-nora-1', name: 'nora', features: ['vibrate', 'rotate'], battery: 91 },
    ]);
  });

  it('maps percent to the app levels 0 to 20 with a timeSec past the step, and stops', async () => {
    const adapter = await connected(new LovenseAdapter(simulator.url), 2);
    await adapter.setIntensity('sim-nora-1', 35, 1500);
    await adapter.stopAll();
    expect(
      simulator.record.commands.map(({ device, kind, feature, intensity }) => ({ device, kind, feature, intensity })),
    ).toEqual([
      { device: 'nora', kind: 'output', feature: 'Vibrate', intensity: 35 },
      { device: 'nora', kind: 'output', feature: 'Rotate', intensity: 35 },
      { device: 'lush', kind: 'stop', feature: undefined, intensity: undefined },
      { device: 'nora', kind: 'stop', feature: undefined, intensity: undefined },
    ]);
  });

  it('lets the app stop a toy by itself when the page stops sending', async () => {
    const adapter = await connected(new LovenseAdapter(simulator.url), 2);
    await adapter.setIntensity('sim-lush-1', 60, 100);
    await recorded((c) => c.device === 'lush' && c.kind === 'stop' && c.cause === 'timeSec ran out');
  });

  it('rejects a command the app refuses', async () => {
    const adapter = await connected(new LovenseAdapter(simulator.url), 2);
    await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: true }) });
    await expect(adapter.setIntensity('sim-lush-1', 40, 1000)).rejects.toThrow(/refused/);
  });
});

describe('the executor', () => {
  it('plays a pulse as the Room timed it on every device, then stops', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    const executor = new DeviceExecutor(adapter);
    const now = Date.now();
    executor.follow(
      {
        id: 'r1',
        tipper: null,
        tokens: 20,
        reaction: { kind: 'pattern', pattern: 'pulse', intensity: 80, seconds: 1 },
        startedAt: now,
        endsAt: now + 1000,
      },
      60,
    );
    await recorded((c) => c.device === 'Encore simulator vibe' && c.kind === 'stop');
    const vibe = simulator.record.commands.filter((c) => c.device === 'Encore simulator vibe');
    expect(vibe.map((c) => (c.kind === 'stop' ? 'stop' : c.intensity))).toEqual([60, 0, 'stop']);
    await executor.dispose();
  });

  it('joins a reaction the Room started earlier at the step its clock says', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    const executor = new DeviceExecutor(adapter);
    const now = Date.now();
    executor.follow(
      {
        id: 'r2',
        tipper: 'fan',
        tokens: 20,
        reaction: {
          kind: 'custom',
          steps: [
            { intensity: 10, ms: 5000 },
            { intensity: 30, ms: 5000 },
          ],
        },
        startedAt: now - 6000,
        endsAt: now + 4000,
      },
      100,
    );
    await recorded((c) => c.device === 'Encore simulator vibe');
    expect(simulator.record.commands[0]).toMatchObject({ device: 'Encore simulator vibe', intensity: 30 });
    await executor.halt();
    await recorded((c) => c.kind === 'stop');
    await executor.dispose();
  });

  it('stops every device and reports when one refuses mid-reaction', async () => {
    const adapter = await connected(new ButtplugAdapter(simulator.buttplugUrl), 2);
    const problem = new Promise<string>((resolve) => {
      const executor = new DeviceExecutor(adapter, { onProblem: resolve });
      void fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: true }) }).then(() => {
        const now = Date.now();
        executor.follow(
          {
            id: 'r3',
            tipper: null,
            tokens: 5,
            reaction: { kind: 'steady', intensity: 50, seconds: 30 },
            startedAt: now,
            endsAt: now + 30_000,
          },
          100,
        );
      });
    });
    expect(await problem).toMatch(/refused/);
    await recorded((c) => c.kind === 'stop');
  });
});
