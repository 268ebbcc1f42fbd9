import { signal } from '@preact/signals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCommand } from '../../dev/devices/simulated-devices.ts';
import { type DeviceSimulator, startDeviceSimulator } from '../../dev/devices/simulator.ts';
import type { ConnectionState } from '../../web/src/features/room/room-state.ts';
import { type DeviceRoom, DeviceStudio } from '../../web/src/features/studio/devices/device-studio.ts';
import type { DeviceControl, DeviceQueueState, RunningReaction } from '../../wire/devices.ts';
import type { TipEvent } from '../../wire/room.ts';

// The studio's safety rules (device-studio.ts), with the real Buttplug adapter against the simulator and a
// stand-in for the room connection: the Room's word arrives as signals, as RoomConnection sets them.
let simulator: DeviceSimulator;
const VIBE = 'Encore simulator vibe';

class FakeRoom implements DeviceRoom {
  readonly connection = signal<ConnectionState>('live');
  readonly live = signal(true);
  readonly devices = signal<DeviceQueueState | null>(queue(null));
  readonly tips = signal<readonly TipEvent[]>([]);
  lastHeard = Date.now();
  /** Whether pings are answered (a silent socket answers nothing). */
  answering = true;
  readonly statuses: [boolean, number][] = [];
  readonly controls: DeviceControl[] = [];

  ping(): void {
    if (this.answering) this.lastHeard = Date.now();
  }

  async deviceStatus(connected: boolean, devices: number): Promise<{ ok: boolean }> {
    this.statuses.push([connected, devices]);
    return { ok: true };
  }

  async deviceControl(action: DeviceControl): Promise<{ ok: boolean }> {
    this.controls.push(action);
    return { ok: true };
  }
}

function queue(running: RunningReaction | null): DeviceQueueState {
  return { running, waiting: 0, paused: false, deviceConnected: true, maxQueue: 10, maxIntensity: 100 };
}

function long(id: string): RunningReaction {
  const now = Date.now();
  return {
    id,
    tipper: 'Mia',
    tokens: 100,
    reaction: { kind: 'steady', intensity: 40, seconds: 30 },
    startedAt: now,
    endsAt: now + 30_000,
  };
}

/** Resolves with the first command after `after` (a seq) that matches. */
function next(after: number, test: (c: RecordedCommand) => boolean): Promise<RecordedCommand> {
  const found = () => simulator.record.commands.find((c) => c.seq > after && test(c));
  return new Promise((resolve) => {
    const now = found();
    if (now) return resolve(now);
    const off = simulator.record.onChange(() => {
      const hit = found();
      if (hit) {
        off();
        resolve(hit);
      }
    });
  });
}

const mark = () => simulator.record.commands.at(-1)?.seq ?? 0;
const playing = (seq: number) => next(seq, (c) => c.device === VIBE && c.kind === 'output' && c.intensity === 40);
const stopped = (seq: number) => next(seq, (c) => c.device === VIBE && c.kind === 'stop');

let studio: DeviceStudio;
let room: FakeRoom;

async function connected(): Promise<void> {
  room = new FakeRoom();
  studio = new DeviceStudio(`safety-${Math.random()}`);
  studio.bind(room);
  await studio.connect('buttplug', simulator.buttplugUrl);
  expect(studio.state.value).toBe('connected');
}

beforeAll(async () => {
  simulator = await startDeviceSimulator();
});
afterAll(() => simulator.close());
afterEach(async () => {
  studio.dispose();
  await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: false, restore: true }) });
});

describe('the studio executor’s safety', () => {
  it('tells the Room a device is here and plays the running reaction', async () => {
    await connected();
    expect(room.statuses.at(-1)).toEqual([true, 2]);
    const seq = mark();
    room.devices.value = queue(long('a'));
    await playing(seq);
  });

  it('stops every device as soon as the room socket closes', async () => {
    await connected();
    const seq = mark();
    room.devices.value = queue(long('b'));
    await playing(seq);
    room.connection.value = 'reconnecting';
    await stopped(seq);
  });

  it('stops when the Room falls silent mid-reaction, and plays on once it answers again', async () => {
    await connected();
    const seq = mark();
    room.devices.value = queue(long('c'));
    await playing(seq);
    room.answering = false;
    const stop = await stopped(seq);
    room.answering = true;
    await playing(stop.seq);
  });

  it('stops when the show ends and plays nothing while it is not live', async () => {
    await connected();
    const seq = mark();
    room.devices.value = queue(long('d'));
    await playing(seq);
    room.live.value = false;
    const stop = await stopped(seq);
    room.devices.value = queue(long('e'));
    // Something the Room says later still plays nothing: the next command the device hears is the test's.
    await studio.test('0');
    const after = simulator.record.commands.filter((c) => c.seq > stop.seq && c.device === VIBE);
    expect(after.filter((c) => c.kind === 'output').map((c) => c.intensity)).toEqual([50, 0]);
  });

  it('stops every device and names the one that disappeared mid-reaction', async () => {
    await connected();
    const seq = mark();
    room.devices.value = queue(long('f'));
    await playing(seq);
    await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ remove: VIBE }) });
    await next(seq, (c) => c.device === 'Encore simulator twist' && c.kind === 'stop');
    expect(studio.problem.value).toMatch(/Encore simulator vibe disconnected; every device was stopped/);
    expect(room.statuses.at(-1)).toEqual([true, 1]);
  });

  it('stops every device and says so when the simulator refuses a command', async () => {
    await connected();
    await fetch(`${simulator.url}/faults`, { method: 'POST', body: JSON.stringify({ refuse: true }) });
    const seq = mark();
    room.devices.value = queue(long('g'));
    await stopped(seq);
    expect(studio.problem.value).toMatch(/refused/);
  });

  it('pauses the queue on Stop all, after stopping the devices', async () => {
    await connected();
    const seq = mark();
    room.devices.value = queue(long('h'));
    await playing(seq);
    await studio.stopAll();
    await stopped(seq);
    expect(room.controls).toEqual(['pause']);
  });

  it('tells the Room the device is gone when the app goes away', async () => {
    const other = await startDeviceSimulator();
    room = new FakeRoom();
    studio = new DeviceStudio(`safety-${Math.random()}`);
    studio.bind(room);
    await studio.connect('buttplug', other.buttplugUrl);
    await other.close();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (studio.state.value === 'idle') {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    expect(room.statuses.at(-1)).toEqual([false, 0]);
    expect(studio.problem.value).toMatch(/Intiface.*Every device was stopped/);
  });
});
