// `npm run bench:devices`: how long from a viewer's `tip.send` to the device receiving its command, with
// BENCH_VIEWERS (200) viewers in the room and BENCH_TIPS_PER_S (10) tips a second, on a fresh local stack.
// The executor is the studio's own code (DeviceExecutor and ButtplugAdapter from web/src/features/studio/
// devices/) run here in Node on the performer's room socket, driving the device simulator over the real
// Buttplug protocol; the simulator stamps each command's arrival with Date.now(), the clock this process
// stamps sends and tip alerts with (one machine, one clock).
// Probe tips (PROBE tokens: the only tip level, a 1 s reaction) go one at a time while the device is idle, so
// each measures the path and not the queue; the other tips (1 to 5 tokens, no level) are the background load.
// Prints p50/p95/p99 of tip.send → device command, and of the spread between the tip alert reaching the
// viewers and the command reaching the device (positive: the device after the alert).
import WebSocket from 'ws';
import { startStack } from '../dev/stack.ts';
import { ButtplugAdapter } from '../web/src/features/studio/devices/buttplug-adapter.ts';
import { DeviceExecutor } from '../web/src/features/studio/devices/device-executor.ts';
import type { DeviceQueueState, DeviceSettings } from '../wire/devices.ts';
import { ServerMessage } from '../wire/room.ts';
import { cpuSeconds, joinMany, joinRoom, jsonPoster, Latencies, type RoomSocket } from './room-sockets.ts';

const HANDLE = 'nova';
const viewers = Number(process.env.BENCH_VIEWERS ?? 200);
const tipsPerSecond = Number(process.env.BENCH_TIPS_PER_S ?? 10);
const probes = Number(process.env.BENCH_PROBES ?? 40);
const TIPPERS = 10;
const PROBE = 100;
const PROBE_DEADLINE_MS = 5000;
const line = (label: string, figure: string) => console.log(`${label.padEnd(58)} ${figure}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stack = await startStack();
const post = jsonPoster(stack.origin);
const sockets: RoomSocket[] = [];
let executor: DeviceExecutor | undefined;
let adapter: ButtplugAdapter | undefined;
let performer: WebSocket | undefined;

try {
  const cookie = await performerSession();
  const settings: DeviceSettings = {
    levels: [{ min: PROBE, max: null, name: 'Probe', reaction: { kind: 'steady', intensity: 60, seconds: 1 } }],
    maxIntensity: 100,
    maxQueue: 20,
  };
  const saved = await fetch(`${stack.origin}/api/studio/devices`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: stack.origin, cookie },
    body: JSON.stringify(settings),
  });
  if (!saved.ok) throw new Error(`tip levels not saved: ${saved.status} ${await saved.text()}`);

  // The performer's side, as the studio runs it: the adapter to the simulator and the executor on the socket.
  adapter = new ButtplugAdapter(stack.devices.buttplugUrl);
  await adapter.connect();
  const running = adapter;
  const player = new DeviceExecutor(running);
  executor = player;
  let queue: DeviceQueueState | null = null;
  performer = await performerSocket(cookie, (state) => {
    queue = state;
    player.follow(state.paused ? null : state.running, state.maxIntensity);
  });
  const idle = async () => {
    const deadline = Date.now() + 60_000;
    while (queue?.running || !queue?.deviceConnected) {
      if (Date.now() > deadline) throw new Error(`the device queue stayed busy: ${JSON.stringify(queue)}`);
      await sleep(50);
    }
  };

  // The room: tippers (signed in, with tokens) and guest viewers; every viewer notes when each probe's alert lands.
  const setup = await post<{ tippers: string[] }>('/dev/bench/setup', { tippers: TIPPERS, tokens: 1_000_000 });
  const { tokens } = await post<{ tokens: string[] }>('/dev/bench/sessions', { users: setup.tippers });
  const alerts = new Map<number, number[]>();
  const onViewerFrame = (text: string) => {
    if (!text.includes('"kind":"tip"')) return;
    const at = Date.now();
    for (const match of text.matchAll(/"amount":(\d+)/g)) {
      const amount = Number(match[1]);
      if (amount >= PROBE) alerts.set(amount, [...(alerts.get(amount) ?? []), at]);
    }
  };
  const tippers = await Promise.all(tokens.map((t) => joinRoom(stack.origin, HANDLE, () => {}, t)));
  sockets.push(...tippers);
  sockets.push(...(await joinMany(viewers, 20, () => joinRoom(stack.origin, HANDLE, onViewerFrame))));
  await idle();
  console.log(
    `Encore device benchmark: @${HANDLE}, ${viewers} viewers, ${tipsPerSecond} tips/s, ${probes} probe tips ` +
      `(wrangler dev, fresh state; executor: the studio's module in Node, device: the simulator over Buttplug)`,
  );

  // Background load: tipsPerSecond in all, probes included, from the tippers in turn.
  let sent = 0;
  const load = setInterval(
    () => {
      const tipper = tippers[sent % TIPPERS]!;
      tipper.send({ type: 'tip.send', clientId: `bench-load-${sent}`, amount: 1 + (sent % 5) });
      sent += 1;
    },
    1000 / Math.max(1, tipsPerSecond - 1),
  );

  const toDevice = new Latencies();
  let missed = 0;
  const toAlert = new Latencies();
  const spread: number[] = [];
  const cpu = cpuSeconds(stack.stateDir);
  const started = Date.now();
  for (let i = 0; i < probes; i++) {
    await idle();
    const amount = PROBE + i;
    const since = stack.devices.url;
    // The previous probe's stop is in the record before its reaction ended in the Room, so this mark is after it.
    const mark = await lastSeq(since);
    const sentAt = Date.now();
    tippers[i % TIPPERS]!.send({ type: 'tip.send', clientId: `bench-probe-${i}-${started}`, amount });
    const command = await firstOutput(since, mark, sentAt + PROBE_DEADLINE_MS);
    if (command === null) {
      // Refused (rate limit) or lost under load: counted, not waited on for ever.
      missed += 1;
      continue;
    }
    toDevice.add(command - sentAt);
    const heard = alerts.get(amount) ?? [];
    const median = heard.sort((a, b) => a - b)[Math.floor(heard.length / 2)];
    if (median !== undefined) {
      spread.push(command - median);
      toAlert.add(median - sentAt);
    }
  }
  clearInterval(load);
  const elapsed = (Date.now() - started) / 1000;
  const used = cpuSeconds(stack.stateDir);
  spread.sort((a, b) => a - b);
  const at = (p: number) => spread[Math.min(spread.length - 1, Math.ceil((p / 100) * spread.length) - 1)] ?? NaN;
  line(
    `  tip.send → device command (${toDevice.count} probes, ${missed} without a command in 5 s)`,
    `p50 ${toDevice.percentile(50)} ms  p95 ${toDevice.percentile(95)} ms  p99 ${toDevice.percentile(99)} ms`,
  );
  line(
    `  of which tip.send → tip alert at viewers (median of ${viewers})`,
    `p50 ${toAlert.percentile(50)} ms  p95 ${toAlert.percentile(95)} ms  p99 ${toAlert.percentile(99)} ms`,
  );
  line(
    `  tip alert at viewers (median of ${viewers}) → device command`,
    `p50 ${at(50)} ms  p95 ${at(95)} ms  p99 ${at(99)} ms  (max ${spread.at(-1)} ms)`,
  );
  line(
    `  load: ${sent + probes} tips in ${elapsed.toFixed(1)} s`,
    `client CPU ${(used.client - cpu.client).toFixed(1)} s, wrangler CPU ${(used.server - cpu.server).toFixed(1)} s`,
  );
  console.log(`  goal: p95 tip.send → device under 150 ms: ${toDevice.percentile(95) < 150 ? 'met' : 'NOT met'}`);
} finally {
  await executor?.dispose();
  await adapter?.disconnect();
  performer?.close();
  for (const socket of sockets) socket.close();
  await stack.stop();
}

async function performerSession(): Promise<string> {
  const json = { 'content-type': 'application/json', origin: stack.origin };
  const login = await fetch(`${stack.origin}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'performer@encore.local', password: 'encore-performer-demo' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const live = await fetch(`${stack.origin}/api/studio/live`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ title: 'Device benchmark' }),
  });
  if (!live.ok) throw new Error(`the demo performer could not go live: ${live.status} ${await live.text()}`);
  return cookie;
}

/** The performer's room socket, as the studio holds it: says a device is here, hands every queue state on. */
async function performerSocket(cookie: string, onQueue: (state: DeviceQueueState) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${stack.origin.replace(/^http/, 'ws')}/rooms/${HANDLE}/ws`, {
    headers: { Origin: stack.origin, Cookie: cookie },
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', version: 1 })));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'welcome') {
        const clientId = `bench-status-${Date.now()}`;
        ws.send(JSON.stringify({ type: 'device.status', clientId, connected: true, devices: 2 }));
        if (message.snapshot.devices) onQueue(message.snapshot.devices);
        resolve();
      }
      if (message.type === 'device.result') onQueue(message.devices);
      if (message.type === 'events')
        for (const { event } of message.events) if (event.kind === 'devices') onQueue(event.devices);
    });
  });
  return ws;
}

async function lastSeq(base: string): Promise<number> {
  const commands = (await (await fetch(`${base}/commands`)).json()) as { seq: number }[];
  return commands.at(-1)?.seq ?? 0;
}

/** When the first output command after `mark` reached the simulator, or null if none came by `deadline`. */
async function firstOutput(base: string, mark: number, deadline: number): Promise<number | null> {
  while (Date.now() < deadline) {
    const commands = (await (await fetch(`${base}/commands?since=${mark}`)).json()) as { kind: string; at: number }[];
    const output = commands.find((c) => c.kind === 'output');
    if (output) return output.at;
    await sleep(20);
  }
  return null;
}
