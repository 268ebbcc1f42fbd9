import type { DeviceRecord, SimulatedDevice } from './simulated-devices.ts';

/**
 * A stand-in for the Lovense Standard API "by local application" (Game Mode of Lovense Remote, or Lovense
 * Connect): `POST /command` with a JSON body. Handled here: `GetToys` (toys as a JSON string inside `data`,
 * as the app answers) and `Function` (`action` like `Vibrate:12` or `Vibrate:8,Rotate:4`, levels 0 to 20,
 * or `Stop`; `timeSec` 0 runs until the next command, otherwise the toy stops by itself after that many
 * seconds; `toy` empty means every toy). Errors use the app's codes in a 200 answer: 400 invalid command,
 * 401 toy not found, 403 toy does not support it, 404 invalid parameter, 500 refused.
 */
const LEVELS = 20;

type Answer = { code: number; type?: string; message?: string; data?: unknown };

export class LovenseLocalApi {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly record: DeviceRecord;

  constructor(record: DeviceRecord) {
    this.record = record;
  }

  command(body: unknown): Answer {
    if (typeof body !== 'object' || body === null) return { code: 400, message: 'Invalid command' };
    const { command, action, timeSec, toy } = body as Record<string, unknown>;
    if (command === 'GetToys') return this.toys();
    if (command !== 'Function') return { code: 400, message: 'Invalid command' };
    if (typeof action !== 'string') return { code: 404, message: 'Invalid parameter' };
    const seconds = timeSec === undefined ? 0 : Number(timeSec);
    if (!Number.isFinite(seconds) || seconds < 0 || (seconds > 0 && seconds < 1))
      return { code: 404, message: 'Invalid parameter' };
    const targets = toy ? this.record.of('lovense').filter((d) => d.id === toy) : this.record.of('lovense');
    if (targets.length === 0) return { code: 401, message: 'Toy not found' };
    if (action === 'Stop') {
      for (const target of targets) this.stop(target);
      return { code: 200, type: 'ok' };
    }
    const parts = action.split(',').map((part) => part.split(':'));
    for (const [feature, level] of parts) {
      const n = Number(level);
      if (!feature || !Number.isInteger(n) || n < 0 || n > LEVELS) return { code: 404, message: 'Invalid parameter' };
      if (!targets.every((t) => feature in t.outputs)) return { code: 403, message: 'Toy does not support it' };
    }
    for (const target of targets) {
      for (const [feature, level] of parts)
        this.record.output(target, feature!, Math.round((Number(level) / LEVELS) * 100));
      this.expire(target, seconds);
    }
    if (this.record.refusing) return { code: 500, message: 'The simulator refused the command' };
    return { code: 200, type: 'ok' };
  }

  private toys(): Answer {
    const toys = Object.fromEntries(
      this.record
        .of('lovense')
        .map((d) => [d.id, { id: d.id, name: d.name, nickName: '', status: '1', battery: d.battery, version: '' }]),
    );
    return { code: 200, type: 'OK', data: { toys: JSON.stringify(toys), platform: 'pc', appType: 'remote' } };
  }

  private stop(target: SimulatedDevice, cause?: string): void {
    clearTimeout(this.timers.get(target.id));
    this.timers.delete(target.id);
    this.record.stop(target, cause);
  }

  /** timeSec: the app stops the toy by itself when it runs out, unless a newer command came first. */
  private expire(target: SimulatedDevice, seconds: number): void {
    clearTimeout(this.timers.get(target.id));
    this.timers.delete(target.id);
    if (seconds > 0)
      this.timers.set(
        target.id,
        setTimeout(() => this.stop(target, 'timeSec ran out'), seconds * 1000),
      );
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }
}
