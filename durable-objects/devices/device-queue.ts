import {
  capReaction,
  DEFAULT_DEVICE_SETTINGS,
  type DeviceControl,
  type DeviceQueueState,
  DeviceSettings,
  type DeviceStatus,
  type Reaction,
  type RunningReaction,
  reactionForTip,
  reactionMs,
  TipDevice,
} from '../../wire/devices.ts';
import { assertNever, type ClientMessage, type ServerMessage } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import type { CommittedTip } from '../tips/tip-desk.ts';
import type { TipIntent } from '../tips/tip-rules.ts';

/**
 * How long a tip's turn is remembered, so a retried commit of it never queues it twice: well past the tip
 * desk's pending expiry and its retries.
 */
const TIP_MEMORY_MS = 60 * 60 * 1000;

type Request = Extract<ClientMessage, { type: 'device.status' | 'device.control' }>;
type Answer = Extract<ServerMessage, { type: 'device.result' | 'rejected' }>;
/** A queued reaction as stored (device_queue.body). */
type Queued = { tipper: string | null; tokens: number; reaction: Reaction; label?: string };
type Row = { seq: number; tip_id: string; body: string; started_at: number | null; ends_at: number | null };
/** Whether the performer's studio reports a device, and whether the performer paused the queue (meta). */
type Switches = { connected: boolean; devices: number; paused: boolean };

export type DeviceQueueRoom = Pick<RoomContext, 'sql' | 'sockets' | 'outbox' | 'alarms' | 'owner' | 'now'>;

/**
 * The room's device queue: one reaction per committed tip, in tip order, run one after another. The Room
 * decides and everyone sees the same queue (a `devices` event on every change, in the snapshot); only the
 * performer's studio page plays the running reaction on the device. Everything is in the Room's SQLite and
 * the next step is on the alarm ('devices'), so an evicted Room carries on where it was.
 *
 * Safety first: no device (the studio said so, or its socket is gone), nothing runs and the queue pauses
 * until the performer resumes it; a reaction is held to the cap when queued and again when it starts.
 */
export class DeviceQueue {
  private readonly room: DeviceQueueRoom;
  private readonly sql: SqlStorage;
  private cachedSettings: DeviceSettings | undefined;
  /** A cache of the meta row (every join looks at it). */
  private cachedSwitches: Switches | undefined;
  /** A tip took its turn since the last devices event (the tip listener publishes once per batch). */
  private moved = false;

  constructor(room: DeviceQueueRoom) {
    this.room = room;
    this.sql = room.sql;
  }

  settings(): DeviceSettings {
    if (this.cachedSettings === undefined) {
      const row = this.sql.exec<{ value: string }>("select value from meta where key = 'device_settings'").toArray()[0];
      const parsed = row ? DeviceSettings.safeParse(JSON.parse(row.value)) : undefined;
      this.cachedSettings = parsed?.success ? parsed.data : DEFAULT_DEVICE_SETTINGS;
    }
    return this.cachedSettings;
  }

  /** The performer's new levels and caps: the room sees them at once; a lower cap holds what waits too. */
  replaceSettings(settings: DeviceSettings): DeviceSettings {
    this.sql.exec(
      "insert into meta (key, value) values ('device_settings', ?) on conflict (key) do update set value = " +
        'excluded.value',
      JSON.stringify(settings),
    );
    this.cachedSettings = settings;
    this.room.outbox.publish({ kind: 'device.levels', levels: settings.levels });
    this.publish();
    return settings;
  }

  state(): DeviceQueueState {
    const settings = this.settings();
    const switches = this.switches();
    const running = this.runningRow();
    return {
      running: running ? runningOf(running) : null,
      waiting: this.waitingCount(),
      paused: switches.paused,
      deviceConnected: switches.connected,
      maxQueue: settings.maxQueue,
      maxIntensity: settings.maxIntensity,
    };
  }

  /**
   * An accepted tip takes its turn, once (a retried tip is known by id), as the tip desk answers it, in tip
   * order: its reaction is queued (an idle queue starts it at once) or it gets none, the queue being full or
   * no level covering its amount. What it got goes in its tip.result; nothing while no toy is connected.
   */
  take(tip: { id: string; intent: TipIntent }): { device?: TipDevice } {
    // No toy, no turn to take (and nothing written per tip in a busy room without one).
    if (this.checkDevice() || !this.switches().connected) return {};
    const now = this.room.now();
    const first = this.sql.exec('insert or ignore into device_tips (tip_id, at) values (?, ?)', tip.id, now);
    if (first.rowsWritten === 0) return this.takenBefore(tip.id);
    const outcome = this.turn(tip, now);
    if (outcome.device) this.sql.exec('update device_tips set device = ? where tip_id = ?', outcome.device, tip.id);
    return outcome;
  }

  /** A resent tip's answer is its first: what it got then. */
  private takenBefore(tipId: string): { device?: TipDevice } {
    const row = this.sql
      .exec<{ device: string | null }>('select device from device_tips where tip_id = ?', tipId)
      .toArray()[0];
    const device = TipDevice.safeParse(row?.device);
    return device.success ? { device: device.data } : {};
  }

  /** A new tip's turn: its reaction queued (an idle queue starts it now), or why it gets none. */
  private turn(tip: { id: string; intent: TipIntent }, now: number): { device?: TipDevice } {
    const { intent } = tip;
    const menuItem =
      intent.menuItem && intent.deviceReaction
        ? { label: intent.menuItem, reaction: intent.deviceReaction }
        : undefined;
    const queue = { deviceConnected: true, waiting: this.waitingCount() };
    const decided = reactionForTip(intent.amount, this.settings(), queue, menuItem);
    if (!decided.queued) return decided.why === 'no-device' ? {} : { device: decided.why };
    const body: Queued = {
      tipper: intent.anonymous ? null : intent.from.displayName,
      tokens: intent.amount,
      reaction: decided.reaction,
      label: decided.label,
    };
    this.sql.exec('insert or ignore into device_queue (tip_id, body) values (?, ?)', tip.id, JSON.stringify(body));
    this.moved = true;
    // An idle queue starts it now, so it does not count as waiting for the next tip.
    this.startNext(now);
    return { device: 'queued' };
  }

  /**
   * A TipListener, after the batch's tips were answered (and took their turns): one devices event for the
   * batch, in the frame that carries its tip events, so a reaction starts with its tip alert. A tip that was
   * not answered through the desk takes its turn here.
   */
  tipsCommitted(tips: readonly CommittedTip[]): void {
    for (const tip of tips) this.take(tip);
    if (tips.length > 0 && this.switches().connected)
      this.sql.exec('delete from device_tips where at < ?', this.room.now() - TIP_MEMORY_MS);
    if (!this.moved) return;
    this.moved = false;
    this.publish();
  }

  /** The alarm's job (and every other entry point's first step): ends a reaction whose time is up. */
  async due(): Promise<void> {
    this.checkDevice();
    const running = this.runningRow();
    if (!running) return;
    if ((running.ends_at ?? 0) > this.room.now()) return this.room.alarms.schedule('devices', running.ends_at!);
    this.sql.exec('delete from device_queue where seq = ?', running.seq);
    this.startNext(this.room.now());
    this.publish();
    const next = this.runningRow();
    if (next?.ends_at) await this.room.alarms.schedule('devices', next.ends_at);
  }

  /** A socket's device frame: only the room's performer may send them; each gets an explicit answer. */
  request(ws: WebSocket, message: Request): Answer {
    const me = this.room.sockets.of(ws).identity;
    const owner = this.room.owner();
    if (me.role !== 'performer' || !owner || me.userId !== owner.performerId)
      return {
        type: 'rejected',
        clientId: message.clientId,
        of: message.type,
        reason: 'FORBIDDEN',
        message: 'Only the performer controls the device queue',
      };
    const before = JSON.stringify(this.state());
    if (message.type === 'device.status') this.status(ws, message);
    else this.control(message.action);
    // A studio repeating what it said (a periodic status, a second pause) costs the room no event.
    if (JSON.stringify(this.state()) !== before) this.publish();
    this.armRunning();
    return { type: 'device.result', clientId: message.clientId, status: 'accepted', devices: this.state() };
  }

  /** End show: nothing keeps running and nothing waits. */
  clear(): void {
    if (this.sql.exec<{ n: number }>('select count(*) as n from device_queue').one().n === 0) return;
    this.sql.exec('delete from device_queue');
    this.publish();
  }

  /**
   * Whether the device socket is still open; if the studio said it had a device but that socket is gone (its
   * close was seen, or the Room restarted without it), the device is lost now. True if anything changed.
   */
  checkDevice(): boolean {
    if (!this.switches().connected || this.deviceSocket()) return false;
    this.lose();
    this.publish();
    return true;
  }

  private status(ws: WebSocket, status: DeviceStatus): void {
    const sockets = this.room.sockets;
    const me = sockets.of(ws);
    if (status.connected) {
      // The latest studio tab to report a device drives it; the others stop being the device socket.
      for (const other of sockets.open(me.identity.userId ?? undefined))
        if (other !== ws && sockets.of(other).device) sockets.save(other, { ...sockets.of(other), device: false });
      sockets.save(ws, { ...me, device: true });
      this.writeSwitches({ ...this.switches(), connected: true, devices: status.devices });
      this.startNext(this.room.now());
      return;
    }
    // A tab without the device saying so changes nothing while another tab still drives it.
    const other = this.deviceSocket();
    if (other && other !== ws) return;
    if (me.device) sockets.save(ws, { ...me, device: false });
    if (this.switches().connected) this.lose();
  }

  private control(action: DeviceControl): void {
    const now = this.room.now();
    switch (action) {
      case 'pause': {
        // The device stops now; the reaction it was playing goes back to the head of the queue.
        this.sql.exec('update device_queue set started_at = null, ends_at = null where started_at is not null');
        this.writeSwitches({ ...this.switches(), paused: true });
        break;
      }
      case 'resume':
        this.writeSwitches({ ...this.switches(), paused: false });
        this.startNext(now);
        break;
      case 'skip':
        this.sql.exec('delete from device_queue where started_at is not null');
        this.startNext(now);
        break;
      case 'clear':
        this.sql.exec('delete from device_queue');
        break;
      default:
        assertNever(action);
    }
  }

  /** The device is gone: the running reaction is dropped (the device stops) and the queue pauses. */
  private lose(): void {
    this.sql.exec('delete from device_queue where started_at is not null');
    this.writeSwitches({ connected: false, devices: 0, paused: true });
  }

  /** Starts the head of the queue if nothing runs, the queue is not paused and a device is there. */
  private startNext(now: number): void {
    const switches = this.switches();
    if (switches.paused || !switches.connected || this.runningRow()) return;
    const head = this.sql
      .exec<Row>('select seq, tip_id, body, started_at, ends_at from device_queue order by seq limit 1')
      .toArray()[0];
    if (!head) return;
    const queued = JSON.parse(head.body) as Queued;
    // The cap may have come down since it was queued.
    const reaction = capReaction(queued.reaction, this.settings().maxIntensity);
    this.sql.exec(
      'update device_queue set body = ?, started_at = ?, ends_at = ? where seq = ?',
      JSON.stringify({ ...queued, reaction }),
      now,
      now + reactionMs(reaction),
      head.seq,
    );
    this.armRunning();
  }

  /** The alarm fires when the running reaction ends. */
  private armRunning(): void {
    const running = this.runningRow();
    if (running?.ends_at) void this.room.alarms.schedule('devices', running.ends_at);
  }

  private publish(): void {
    this.room.outbox.publish({ kind: 'devices', devices: this.state() });
  }

  private waitingCount(): number {
    return this.sql.exec<{ n: number }>('select count(*) as n from device_queue where started_at is null').one().n;
  }

  private runningRow(): Row | undefined {
    return this.sql
      .exec<Row>('select seq, tip_id, body, started_at, ends_at from device_queue where started_at is not null')
      .toArray()[0];
  }

  private deviceSocket(): WebSocket | undefined {
    const owner = this.room.owner();
    if (!owner) return undefined;
    return this.room.sockets.open(owner.performerId).find((ws) => this.room.sockets.of(ws).device);
  }

  private switches(): Switches {
    if (this.cachedSwitches === undefined) {
      const row = this.sql.exec<{ value: string }>("select value from meta where key = 'device_switches'").toArray()[0];
      this.cachedSwitches = row ? (JSON.parse(row.value) as Switches) : { connected: false, devices: 0, paused: false };
    }
    return this.cachedSwitches;
  }

  private writeSwitches(switches: Switches): void {
    this.cachedSwitches = switches;
    this.sql.exec(
      "insert into meta (key, value) values ('device_switches', ?) on conflict (key) do update set value = " +
        'excluded.value',
      JSON.stringify(switches),
    );
  }
}

function runningOf(row: Row): RunningReaction {
  const queued = JSON.parse(row.body) as Queued;
  return {
    id: row.tip_id,
    tipper: queued.tipper,
    tokens: queued.tokens,
    reaction: queued.reaction,
    startedAt: row.started_at ?? 0,
    endsAt: row.ends_at ?? 0,
    ...(queued.label ? { label: queued.label } : {}),
  };
}
