import { effect, type ReadonlySignal, signal } from '@preact/signals';
import type { DeviceControl, DeviceQueueState } from '../../../../../wire/devices.ts';
import type { TipEvent } from '../../../../../wire/room.ts';
import type { ConnectionState } from '../../room/room-state.ts';
import type { Device, DeviceAdapter, DeviceBackend } from './device-adapter.ts';
import { DeviceExecutor } from './device-executor.ts';
import { claimDevices, devicesHeldElsewhere, type TabLock } from './tab-lock.ts';

/** Nothing heard from the Room for this long while a reaction plays: the socket may be dead without closing. */
export const ROOM_SILENCE_MS = 900;
const PING_MS = 300;
const TEST_MS = 1000;
const TEST_PERCENT = 50;

/** What the executor needs of the room connection (RoomConnection provides it). */
export type DeviceRoom = {
  readonly connection: ReadonlySignal<ConnectionState>;
  readonly live: ReadonlySignal<boolean>;
  readonly devices: ReadonlySignal<DeviceQueueState | null>;
  readonly tips: ReadonlySignal<readonly TipEvent[]>;
  /** When the last frame came from the Room (epoch ms). */
  readonly lastHeard: number;
  ping(): void;
  deviceStatus(connected: boolean, devices: number): Promise<{ ok: boolean; message?: string }>;
  deviceControl(action: DeviceControl): Promise<{ ok: boolean; message?: string }>;
};

export type DeviceStudioState = 'idle' | 'connecting' | 'connected' | 'elsewhere';

/**
 * The studio's side of tip-triggered devices, for one page: the connection to the local app (through an
 * adapter, loaded only when the performer connects), the tab lock, and the executor following the Room.
 * Safety lives here: the devices stop when the room socket closes or falls silent, when the show is not
 * live, when the queue is paused, when a device goes away or refuses a command, and when the page goes.
 */
export class DeviceStudio {
  readonly state = signal<DeviceStudioState>('idle');
  readonly devices = signal<readonly Device[]>([]);
  readonly backend = signal<DeviceBackend | null>(null);
  readonly problem = signal('');
  /** The Room fell silent mid-reaction: stopped until it is heard again. */
  private readonly silent = signal(false);
  private adapter: DeviceAdapter | null = null;
  private executor: DeviceExecutor | null = null;
  private lock: TabLock | null = null;
  private room: DeviceRoom | null = null;
  private readonly roomSignal = signal<DeviceRoom | null>(null);
  /** Local clock minus the Room's, from the freshest tip alerts (0 until one arrives). */
  private offset: number | undefined;
  /** Whether the last look found the room socket, the show and the Room's answers all there. */
  private allowed = false;
  private guard: ReturnType<typeof setInterval> | undefined;
  private readonly handle: string;
  private readonly stopOnLeave = () => void this.executor?.halt();
  private readonly stopFollowing: () => void;

  constructor(handle: string) {
    this.handle = handle;
    this.stopFollowing = effect(() => this.follow());
    // (Guarded: the same code runs in Node for the tests and the bench, which has no window.)
    globalThis.addEventListener?.('pagehide', this.stopOnLeave);
  }

  /** Says whether another tab holds the devices, so the panel can tell before anyone clicks Connect. */
  async checkElsewhere(): Promise<void> {
    if (this.state.value === 'idle' || this.state.value === 'elsewhere')
      this.state.value = (await devicesHeldElsewhere(this.handle)) ? 'elsewhere' : 'idle';
  }

  async connect(backend: DeviceBackend, address: string): Promise<void> {
    if (this.state.value === 'connecting' || this.state.value === 'connected') return;
    this.problem.value = '';
    this.state.value = 'connecting';
    const lock = await claimDevices(this.handle);
    if (!lock) {
      this.state.value = 'elsewhere';
      return;
    }
    // The Buttplug client and the Lovense code load only now, never with the room page.
    const adapter =
      backend === 'buttplug'
        ? new (await import('./buttplug-adapter.ts')).ButtplugAdapter(address)
        : new (await import('./lovense-adapter.ts')).LovenseAdapter(address);
    try {
      await adapter.connect();
    } catch (error) {
      lock.release();
      this.state.value = 'idle';
      this.problem.value = error instanceof Error ? error.message : String(error);
      return;
    }
    this.lock = lock;
    this.adapter = adapter;
    this.backend.value = backend;
    this.executor = new DeviceExecutor(adapter, {
      onProblem: (message) => {
        this.problem.value = `A device command failed (${message}); every device was stopped.`;
      },
    });
    adapter.on('devices', (list) => this.devicesChanged(list));
    adapter.on('lost', (reason) => void this.lost(reason));
    this.devices.value = adapter.devices();
    this.guard = setInterval(() => this.watchRoom(), PING_MS);
    this.state.value = 'connected';
    this.report();
  }

  async disconnect(): Promise<void> {
    const adapter = this.adapter;
    await this.release();
    await adapter?.disconnect();
  }

  /** Every device stops now; the Room's next word decides what plays after. */
  async halt(): Promise<void> {
    await this.executor?.halt();
  }

  /** The emergency stop: every device now, and the queue paused so the next reaction does not start. */
  async stopAll(): Promise<void> {
    await this.executor?.halt();
    const queue = this.room?.devices.value;
    if (queue && !queue.paused && queue.running) await this.room?.deviceControl('pause');
  }

  async test(deviceId: string): Promise<void> {
    const cap = this.room?.devices.value?.maxIntensity ?? 100;
    try {
      await this.executor?.test(deviceId, Math.min(TEST_PERCENT, cap), TEST_MS);
    } catch (error) {
      this.problem.value = `The test failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.executor?.halt();
    }
  }

  /** Follows this room connection until the returned function is called (a page switching live/offline). */
  bind(room: DeviceRoom): () => void {
    this.room = room;
    this.roomSignal.value = room;
    let wasLive = room.connection.peek() === 'live';
    const stopWatching = effect(() => {
      // A (re)joined socket: the Room hears again whether a device is here.
      const live = room.connection.value === 'live';
      if (live && !wasLive) this.report();
      wasLive = live;
    });
    return () => {
      stopWatching();
      if (this.room === room) {
        this.room = null;
        this.roomSignal.value = null;
      }
    };
  }

  dispose(): void {
    this.stopFollowing();
    globalThis.removeEventListener?.('pagehide', this.stopOnLeave);
    void this.disconnect();
  }

  /** Runs whenever the room, the queue, the show or the connection changes: play what the Room says, or stop. */
  private follow(): void {
    const room = this.roomSignal.value;
    const connected = this.state.value === 'connected';
    const silent = this.silent.value;
    const queue = room?.devices.value ?? null;
    const roomLive = room?.connection.value === 'live';
    const showLive = room?.live.value ?? false;
    const tips = room?.tips.value ?? [];
    const executor = this.executor;
    if (!connected || !executor) {
      this.allowed = false;
      return;
    }
    for (const tip of tips.slice(-3)) this.sample(tip.at);
    const allowed = roomLive && showLive && !silent;
    // Losing the room or the show stops every device once, playing or not (a test may be running);
    // staying without them sends nothing more.
    if (this.allowed && !allowed) void executor.halt();
    this.allowed = allowed;
    const running = allowed && queue && !queue.paused ? queue.running : null;
    if (running) executor.follow(running, queue!.maxIntensity, this.offset ?? 0);
    else if (executor.current) void executor.halt();
  }

  private sample(at: number): void {
    const offset = Date.now() - at;
    if (this.offset === undefined || offset < this.offset) this.offset = offset;
  }

  /** While a reaction plays, the Room must keep answering: pings go out, and silence stops the devices. */
  private watchRoom(): void {
    const room = this.room;
    if (!room || !this.executor) return;
    const quiet = Date.now() - room.lastHeard;
    if (this.silent.value && quiet < ROOM_SILENCE_MS) this.silent.value = false;
    // Pings go on while silent too: a quiet room sends nothing else that would say it is back.
    if (!this.executor.current && !this.silent.value) return;
    room.ping();
    if (quiet > ROOM_SILENCE_MS) this.silent.value = true;
  }

  private devicesChanged(list: readonly Device[]): void {
    const now = new Set(list.map((d) => d.id));
    const gone = this.devices.value.filter((d) => !now.has(d.id));
    this.devices.value = list;
    if (gone.length > 0) {
      void this.executor?.halt();
      this.problem.value = `${gone.map((d) => d.name).join(', ')} disconnected; every device was stopped.`;
    }
    this.report();
  }

  private async lost(reason: string): Promise<void> {
    await this.release();
    this.problem.value = `${reason}. Every device was stopped; connect again to go on.`;
  }

  private async release(): Promise<void> {
    clearInterval(this.guard);
    const executor = this.executor;
    this.executor = null;
    this.adapter = null;
    await executor?.dispose();
    this.lock?.release();
    this.lock = null;
    this.devices.value = [];
    this.backend.value = null;
    this.state.value = 'idle';
    this.report();
  }

  /** Tells the Room whether a device is connected here (no device, no queue). */
  private report(): void {
    const room = this.room;
    if (room?.connection.peek() !== 'live') return;
    const count = this.state.peek() === 'connected' ? this.devices.peek().length : 0;
    void room.deviceStatus(count > 0, count).then((answer) => {
      if (!answer.ok && answer.message) this.problem.value = answer.message;
    });
  }
}
