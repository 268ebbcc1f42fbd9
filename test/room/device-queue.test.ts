import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import {
  DEFAULT_DEVICE_SETTINGS,
  type DeviceControl,
  type DeviceQueueState,
  type DeviceSettings,
  type Reaction,
} from '../../wire/devices.ts';
import type { MenuResponse } from '../../wire/tip-menu.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { type Browser, errorOf } from '../client.ts';
import { walletOf } from '../money/fixtures.ts';
import { clientId, drained, later, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

const steady = (intensity: number, seconds: number): Reaction => ({ kind: 'steady', intensity, seconds });

const putSettings = (browser: Browser, body: unknown) =>
  browser.fetch('/api/studio/devices', { method: 'PUT', json: body });

/** The last device queue the socket heard of (an event, or a device.result), from `from` on. */
function devicesNow(socket: RoomSocket): DeviceQueueState | undefined {
  let latest: DeviceQueueState | undefined;
  for (const m of socket.received) {
    if (m.type === 'events') for (const e of m.events) if (e.event.kind === 'devices') latest = e.event.devices;
    if (m.type === 'device.result') latest = m.devices;
  }
  return latest;
}

/** Waits until an events frame after `from` carries a devices state that matches. */
async function devicesWhere(
  socket: RoomSocket,
  match: (devices: DeviceQueueState) => boolean,
  from = 0,
): Promise<DeviceQueueState> {
  const frame = await socket.next(
    'events',
    (m) => m.events.some((e) => e.event.kind === 'devices' && match(e.event.devices)),
    from,
  );
  const found = frame.events.flatMap((e) => (e.event.kind === 'devices' && match(e.event.devices) ? [e] : []));
  return (found.at(-1)!.event as { devices: DeviceQueueState }).devices;
}

/** A device frame from `socket`, and the Room's answer to it. */
async function device(
  socket: RoomSocket,
  frame:
    | { type: 'device.status'; connected: boolean; devices: number }
    | { type: 'device.control'; action: DeviceControl },
) {
  const id = clientId();
  const from = socket.received.length;
  socket.send({ ...frame, clientId: id });
  return socket.about(id, from);
}

async function connected(socket: RoomSocket): Promise<DeviceQueueState> {
  const answer = await device(socket, { type: 'device.status', connected: true, devices: 1 });
  if (answer.type !== 'device.result') throw new Error(`device status refused: ${JSON.stringify(answer)}`);
  return answer.devices;
}

async function control(socket: RoomSocket, action: DeviceControl): Promise<DeviceQueueState> {
  const answer = await device(socket, { type: 'device.control', action });
  if (answer.type !== 'device.result') throw new Error(`control refused: ${JSON.stringify(answer)}`);
  return answer.devices;
}

/** A live room whose studio reports a device, with these settings. */
async function roomWithDevice(settings: Partial<DeviceSettings> = {}) {
  const room = await liveRoom();
  const response = await putSettings(room.performer, { ...DEFAULT_DEVICE_SETTINGS, ...settings });
  expect(response.status).toBe(200);
  const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
  await connected(studio);
  return { ...room, studio };
}

async function tipResult(socket: RoomSocket, amount: number, extra: Record<string, unknown> = {}) {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount, ...extra });
  const answer = await socket.about(id);
  if (answer.type !== 'tip.result') throw new Error(`tip refused: ${JSON.stringify(answer)}`);
  return answer;
}

const tip = async (socket: RoomSocket, amount: number, extra: Record<string, unknown> = {}) =>
  (await tipResult(socket, amount, extra)).tipId;

/** The queue as stored: tip ids in order, the running one first. */
async function queueOf(handle: string): Promise<{ id: string; reaction: Reaction; running: boolean }[]> {
  return runInDurableObject(roomStub(handle), (_room: Room, state) =>
    state.storage.sql
      .exec<{ tip_id: string; body: string; started_at: number | null }>(
        'select tip_id, body, started_at from device_queue order by started_at is null, seq',
      )
      .toArray()
      .map((row) => ({
        id: row.tip_id,
        reaction: (JSON.parse(row.body) as { reaction: Reaction }).reaction,
        running: row.started_at !== null,
      })),
  );
}

/** Moves the Room's clock past the running reaction and lets the alarm advance the queue. */
async function pastRunning(handle: string, ms: number): Promise<void> {
  await later(handle, ms);
  expect(await runDurableObjectAlarm(roomStub(handle))).toBe(true);
}

describe('device settings', () => {
  it('start from the default ladder and are replaced by the performer; the room sees the new levels', async () => {
    const { handle, performer } = await liveRoom();
    const first = await performer.fetch('/api/studio/devices');
    expect(await first.json()).toEqual({ settings: DEFAULT_DEVICE_SETTINGS });
    const { socket } = await RoomSocket.join(handle);
    const settings: DeviceSettings = {
      levels: [
        { min: 1, max: 9, reaction: steady(20, 2) },
        {
          min: 10,
          max: null,
          name: 'Big',
          reaction: { kind: 'pattern', pattern: 'pulse', intensity: 90, seconds: 10 },
        },
      ],
      maxIntensity: 80,
      maxQueue: 5,
    };
    const response = await putSettings(performer, settings);
    expect(await response.json()).toEqual({ settings });
    const [levels] = await socket.waitForEvents('device.levels');
    expect(levels?.levels).toEqual(settings.levels);
    expect(await (await performer.fetch('/api/studio/devices')).json()).toEqual({ settings });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.deviceLevels).toEqual(settings.levels);
    expect(welcome.snapshot.devices).toMatchObject({ maxIntensity: 80, maxQueue: 5, deviceConnected: false });
  });

  it('refuses overlapping ranges, levels past 100% or 60 s, too many steps and bad caps, keeping the old', async () => {
    const { performer } = await liveRoom();
    const level = (min: number, max: number | null, reaction: unknown = steady(50, 5)) => ({ min, max, reaction });
    const body = (levels: unknown[], caps: Record<string, unknown> = {}) => ({
      levels,
      maxIntensity: 100,
      maxQueue: 10,
      ...caps,
    });
    const bad = [
      body([level(1, 20), level(10, 30)]),
      body([level(1, null), level(50, 60)]),
      body([level(30, 10)]),
      body([level(1, 10, steady(101, 5))]),
      body([level(1, 10, steady(50, 0))]),
      body([level(1, 10, steady(50, 61))]),
      body([level(1, 10, { kind: 'custom', steps: Array.from({ length: 61 }, () => ({ intensity: 10, ms: 100 })) })]),
      body([level(1, 10, { kind: 'custom', steps: Array.from({ length: 7 }, () => ({ intensity: 10, ms: 10_000 })) })]),
      body([level(1, 10, { kind: 'pattern', pattern: 'disco', intensity: 50, seconds: 5 })]),
      body([], { maxIntensity: 0 }),
      body([], { maxQueue: 0 }),
      body([], { maxQueue: 101 }),
      body(Array.from({ length: 11 }, (_, i) => level(i * 10 + 1, i * 10 + 9))),
    ];
    for (const settings of bad)
      expect(await errorOf(await putSettings(performer, settings)), JSON.stringify(settings)).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    const overlap = await errorOf(await putSettings(performer, bad[0]));
    expect(overlap.message).toContain('overlap');
    expect(await (await performer.fetch('/api/studio/devices')).json()).toEqual({ settings: DEFAULT_DEVICE_SETTINGS });
  });

  it('are read and written only by a performer, for their own room', async () => {
    const { handle } = await liveRoom();
    const viewer = await newViewer();
    expect(await errorOf(await putSettings(viewer.browser, DEFAULT_DEVICE_SETTINGS))).toMatchObject({ status: 403 });
    expect(await errorOf(await viewer.browser.fetch('/api/studio/devices'))).toMatchObject({ status: 403 });
    const other = await liveRoom();
    await putSettings(other.performer, { ...DEFAULT_DEVICE_SETTINGS, maxQueue: 3 });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.devices?.maxQueue).toBe(DEFAULT_DEVICE_SETTINGS.maxQueue);
  });
});

describe('the device queue', () => {
  it('queues one reaction per tip in tip order under many concurrent tips from several sockets', async () => {
    const { handle, studio } = await roomWithDevice({ maxQueue: 100 });
    const fans = await Promise.all(Array.from({ length: 4 }, () => newViewer(10_000)));
    const sockets = await Promise.all(fans.map(async (fan) => (await RoomSocket.join(handle, fan.browser)).socket));
    const amounts = [5, 20, 60, 150, 700];
    const ids = sockets.flatMap((socket) =>
      Array.from({ length: 10 }, (_, i) => {
        const id = clientId();
        socket.send({ type: 'tip.send', clientId: id, amount: amounts[i % amounts.length] });
        return id;
      }),
    );
    await Promise.all(ids.map((id, i) => sockets[Math.floor(i / 10)]!.next('tip.result', (m) => m.clientId === id)));
    await drained(handle, studio, ...sockets);
    const tips = studio.eventsOf('tip').map((e) => e.tip);
    expect(tips).toHaveLength(40);
    const queue = await queueOf(handle);
    // The queue is the tips' order, exactly: the first running, the rest waiting.
    expect(queue.map((q) => q.id)).toEqual(tips.map((t) => t.id));
    expect(queue.map((q) => q.running)).toEqual(tips.map((_, i) => i === 0));
    // Each reaction is its amount's level.
    const levelOf = (amount: number) =>
      DEFAULT_DEVICE_SETTINGS.levels.find((l) => amount >= l.min && (l.max === null || amount <= l.max))!;
    expect(queue.map((q) => q.reaction)).toEqual(tips.map((t) => levelOf(t.amount).reaction));
    expect(devicesNow(studio)).toMatchObject({ waiting: 39, running: { id: tips[0]!.id } });
  });

  it('starts a reaction in the same frame as the tip that queued it, and runs the next when it ends', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const first = await tip(socket, 20);
    const frame = await socket.next('events', (m) => m.events.some((e) => e.event.kind === 'tip'));
    const kinds = frame.events.map((e) => e.event.kind);
    expect(kinds).toContain('devices');
    const started = frame.events.find((e) => e.event.kind === 'devices')!.event as { devices: DeviceQueueState };
    expect(started.devices.running).toMatchObject({
      id: first,
      tipper: fan.displayName,
      tokens: 20,
      label: 'Medium',
      reaction: steady(50, 7),
    });
    expect(started.devices.running!.endsAt - started.devices.running!.startedAt).toBe(7_000);
    const second = await tip(socket, 5);
    await devicesWhere(studio, (d) => d.waiting === 1);
    const from = studio.received.length;
    await pastRunning(handle, 7_000);
    const next = await devicesWhere(studio, (d) => d.running?.id === second, from);
    expect(next).toMatchObject({ waiting: 0, running: { reaction: steady(25, 3), label: 'Low' } });
    await pastRunning(handle, 3_000);
    await devicesWhere(studio, (d) => d.running === null && d.waiting === 0, from);
  });

  it('lets a tip-menu item’s reaction win over the level, and holds every reaction to the cap', async () => {
    const { handle, studio, performer } = await roomWithDevice({
      maxIntensity: 40,
      levels: [{ min: 1, max: null, reaction: { kind: 'pattern', pattern: 'earthquake', intensity: 100, seconds: 5 } }],
    });
    const custom: Reaction = {
      kind: 'custom',
      steps: [
        { intensity: 10, ms: 500 },
        { intensity: 100, ms: 1_500 },
      ],
    };
    const menu = await performer.fetch('/api/studio/menu', {
      method: 'PUT',
      json: { items: [{ label: 'Spin', price: 33, deviceAction: custom }] },
    });
    const [item] = ((await menu.json()) as MenuResponse).items;
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 10);
    await tip(socket, 33, { menuItemId: item!.id });
    await drained(handle, studio, socket);
    expect((await queueOf(handle)).map((q) => q.reaction)).toEqual([
      { kind: 'pattern', pattern: 'earthquake', intensity: 40, seconds: 5 },
      {
        kind: 'custom',
        steps: [
          { intensity: 10, ms: 500 },
          { intensity: 40, ms: 1_500 },
        ],
      },
    ]);
    expect(devicesNow(studio)?.running?.reaction).toMatchObject({ intensity: 40 });
    // A cap lowered while a reaction waits holds it when it starts.
    await putSettings(performer, {
      maxIntensity: 20,
      maxQueue: 20,
      levels: [{ min: 1, max: null, reaction: steady(100, 5) }],
    });
    const from = studio.received.length;
    await pastRunning(handle, 5_000);
    const next = await devicesWhere(studio, (d) => d.running?.label === 'Spin', from);
    expect(next.running?.reaction).toEqual({
      kind: 'custom',
      steps: [
        { intensity: 10, ms: 500 },
        { intensity: 20, ms: 1_500 },
      ],
    });
    expect(next.running!.endsAt - next.running!.startedAt).toBe(2_000);
  });

  it('takes tips past the queue maximum without a reaction, tells the tipper, and charges them as usual', async () => {
    const { handle, studio } = await roomWithDevice({ maxQueue: 2 });
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await tipResult(socket, 10));
    expect(results.map((r) => r.device)).toEqual(['queued', 'queued', 'queued', 'queue-full', 'queue-full']);
    const ids = results.map((r) => r.tipId);
    await drained(handle, studio, socket);
    expect((await queueOf(handle)).map((q) => q.id)).toEqual(ids.slice(0, 3));
    expect(devicesNow(studio)).toMatchObject({ waiting: 2, maxQueue: 2, running: { id: ids[0] } });
    expect(await walletOf(fan.userId)).toBe(950);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('gives an amount no level covers no reaction, and says so in its tip.result', async () => {
    const { handle, studio } = await roomWithDevice({ levels: [{ min: 100, max: null, reaction: steady(50, 5) }] });
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect((await tipResult(socket, 20)).device).toBe('no-level');
    expect((await tipResult(socket, 100)).device).toBe('queued');
    await drained(handle, studio, socket);
    expect(await queueOf(handle)).toHaveLength(1);
  });

  it('queues nothing while no device is connected', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    // The tip.result says nothing of a toy when there is none.
    expect((await tipResult(socket, 20)).device).toBeUndefined();
    await drained(handle, socket);
    expect(await queueOf(handle)).toEqual([]);
    // The studio connecting later does not play tips from before.
    const { socket: studio } = await RoomSocket.join(handle, performer);
    expect(await connected(studio)).toMatchObject({ running: null, waiting: 0, deviceConnected: true });
  });

  it('shows an anonymous tip as anonymous', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 20, { anonymous: true });
    const running = await devicesWhere(studio, (d) => d.running !== null);
    expect(running.running).toMatchObject({ tipper: null, tokens: 20 });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.devices?.running?.tipper).toBeNull();
    expect(JSON.stringify(welcome.snapshot.devices)).not.toContain(fan.handle);
  });

  it('queues a tip sent many times at once from several tabs, and resent later, once', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(100);
    const tabs = await Promise.all([1, 2, 3].map(async () => (await RoomSocket.join(handle, fan.browser)).socket));
    const id = clientId();
    for (let i = 0; i < 5; i++) for (const tab of tabs) tab.send({ type: 'tip.send', clientId: id, amount: 20 });
    const first = await tabs[0]!.next('tip.result', (m) => m.clientId === id);
    expect(first.device).toBe('queued');
    await drained(handle, studio, ...tabs);
    const from = tabs[1]!.received.length;
    tabs[1]!.send({ type: 'tip.send', clientId: id, amount: 20 });
    // The resend gets the first answer again, what it got on the toy included.
    expect(await tabs[1]!.next('tip.result', (m) => m.clientId === id, from)).toEqual(first);
    await drained(handle, studio, ...tabs);
    expect(await queueOf(handle)).toHaveLength(1);
    expect(devicesNow(studio)).toMatchObject({ waiting: 0, running: { tokens: 20 } });
    expect(await walletOf(fan.userId)).toBe(80);
  });

  it('pauses (the device stops; its reaction waits at the head), resumes, skips and clears', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = [await tip(socket, 20), await tip(socket, 60), await tip(socket, 5)];
    await drained(handle, studio, socket);
    expect(await control(studio, 'pause')).toMatchObject({ paused: true, running: null, waiting: 3 });
    // Paused, time passing starts nothing.
    await later(handle, 60_000);
    await runDurableObjectAlarm(roomStub(handle));
    expect((await queueOf(handle)).some((q) => q.running)).toBe(false);
    expect(await control(studio, 'resume')).toMatchObject({ paused: false, running: { id: ids[0] }, waiting: 2 });
    expect(await control(studio, 'skip')).toMatchObject({ running: { id: ids[1] }, waiting: 1 });
    expect(await control(studio, 'clear')).toMatchObject({ running: null, waiting: 0 });
    expect(await queueOf(handle)).toEqual([]);
    // Everyone saw it cleared.
    await devicesWhere(socket, (d) => d.running === null && d.waiting === 0 && !d.paused);
    // Controls on an empty queue are answered too.
    expect(await control(studio, 'skip')).toMatchObject({ running: null, waiting: 0 });
  });

  it('lets only the performer send device frames; anyone else is refused and nothing changes', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 20);
    await drained(handle, studio, socket);
    const before = await queueOf(handle);
    const { socket: guest } = await RoomSocket.join(handle);
    for (const who of [socket, guest]) {
      for (const frame of [
        { type: 'device.control', action: 'clear' } as const,
        { type: 'device.status', connected: false, devices: 0 } as const,
      ]) {
        expect(await device(who, frame)).toMatchObject({ type: 'rejected', of: frame.type, reason: 'FORBIDDEN' });
      }
    }
    expect(await queueOf(handle)).toEqual(before);
    expect(devicesNow(studio)).toMatchObject({ deviceConnected: true, paused: false });
  });

  it('stops the running reaction and pauses when the studio reports no device, or its socket closes', async () => {
    const { handle, studio, performer } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const [first, second] = [await tip(socket, 20), await tip(socket, 20)];
    await drained(handle, studio, socket);
    const lost = await device(studio, { type: 'device.status', connected: false, devices: 0 });
    expect(lost).toMatchObject({ devices: { running: null, paused: true, deviceConnected: false, waiting: 1 } });
    // New tips get no reaction meanwhile.
    await tip(socket, 20);
    await drained(handle, studio, socket);
    expect((await queueOf(handle)).map((q) => q.id)).toEqual([second]);
    expect(first).not.toBe(second);
    // Back with a device, still paused until the performer resumes.
    expect(await connected(studio)).toMatchObject({ paused: true, deviceConnected: true, running: null });
    expect(await control(studio, 'resume')).toMatchObject({ running: { id: second } });
    // The studio tab closes: the viewers see the device gone.
    const from = socket.received.length;
    studio.close();
    await devicesWhere(socket, (d) => !d.deviceConnected && d.running === null && d.paused, from);
    // A second tab of the performer that never had the device does not stop the one that has.
    const { socket: tabA } = await RoomSocket.join(handle, performer);
    const { socket: tabB } = await RoomSocket.join(handle, performer);
    await connected(tabA);
    await device(tabB, { type: 'device.status', connected: false, devices: 0 });
    expect(devicesNow(tabB)).toMatchObject({ deviceConnected: true });
    tabB.close();
    await drained(handle, tabA);
    expect(devicesNow(tabA)).toMatchObject({ deviceConnected: true });
  });

  it('answers a repeated status or control without telling the room again', async () => {
    const { handle, studio } = await roomWithDevice();
    const { socket } = await RoomSocket.join(handle);
    await control(studio, 'pause');
    await drained(handle, studio, socket);
    const seen = socket.eventsOf('devices').length;
    expect(await connected(studio)).toMatchObject({ deviceConnected: true, paused: true });
    expect(await control(studio, 'pause')).toMatchObject({ paused: true });
    await drained(handle, studio, socket);
    expect(socket.eventsOf('devices')).toHaveLength(seen);
  });

  it('hands a reconnecting studio or viewer the current queue', async () => {
    const { handle, studio, performer } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = [await tip(socket, 20), await tip(socket, 60)];
    await drained(handle, studio, socket);
    const { welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.snapshot.devices).toMatchObject({ running: { id: ids[0] }, waiting: 1, deviceConnected: true });
    expect(welcome.snapshot.devices).toEqual(devicesNow(studio));
    // A second studio tab joining sees it too.
    const { welcome: tab } = await RoomSocket.join(handle, performer);
    expect(tab.snapshot.devices).toEqual(devicesNow(studio));
  });

  it('carries on where it was after the Room is evicted mid-queue', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const ids = [await tip(socket, 20), await tip(socket, 5), await tip(socket, 60)];
    await drained(handle, studio, socket);
    await evictDurableObject(roomStub(handle));
    const from = studio.received.length;
    await pastRunning(handle, 7_000);
    // A Room woken only by its alarm after an eviction is let go by the test runtime before its tick: drain it.
    await drained(handle, studio);
    expect(await devicesWhere(studio, (d) => d.running !== null, from)).toMatchObject({
      running: { id: ids[1] },
      waiting: 1,
      deviceConnected: true,
    });
    await evictDurableObject(roomStub(handle));
    // The test clock's lead goes with the evicted instance: 7 s again, then the 3 s of the second reaction.
    await pastRunning(handle, 10_000);
    await drained(handle, studio);
    await devicesWhere(studio, (d) => d.running?.id === ids[2], from);
    expect((await queueOf(handle)).map((q) => q.id)).toEqual([ids[2]]);
  });

  it('notices a studio lost with the Room (its socket closed on eviction) before showing a device', async () => {
    const { handle, studio } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 20);
    await drained(handle, studio, socket);
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await studio.closed;
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.devices).toMatchObject({ deviceConnected: false, running: null, paused: true });
  });

  it('clears everything when the show ends', async () => {
    const { handle, studio, performer } = await roomWithDevice();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 20);
    await tip(socket, 20);
    await drained(handle, studio, socket);
    const from = socket.received.length;
    expect((await performer.fetch('/api/studio/live', { method: 'DELETE' })).status).toBe(200);
    await devicesWhere(socket, (d) => d.running === null && d.waiting === 0, from);
    expect(await queueOf(handle)).toEqual([]);
  });
});
