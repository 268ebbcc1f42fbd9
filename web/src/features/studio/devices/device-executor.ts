import type { RunningReaction } from '../../../../../wire/devices.ts';
import type { DeviceAdapter } from './device-adapter.ts';
import { reactionSteps, type Step, stepAt, totalMs } from './patterns.ts';

/** How often the watchdog looks; with the grace below, a device outlives its reaction by 0.5 s at most. */
export const WATCHDOG_MS = 250;
const GRACE_MS = 250;
/**
 * A reaction heard of within this long of its start (on the Room's clock) plays from its first step now: the
 * Room's clock, its event tick and the trip here add up to tens or hundreds of ms, which would otherwise clip
 * the first step. One heard of later (a studio reloaded mid-reaction) joins where the Room's clock says.
 */
export const FRESH_MS = 1000;

type Playing = { id: string; steps: Step[]; startLocal: number; endLocal: number };

export type ExecutorOptions = {
  now?: () => number;
  /** A device command failed (refused, device gone): the executor has stopped everything. */
  onProblem?: (message: string) => void;
};

/**
 * Plays the Room's running reaction on every connected device. The Room decides what runs and when
 * (startedAt/endsAt on its clock); this only follows: a new reaction starts at the step the Room's clock
 * says (a studio that rejoins mid-reaction joins mid-pattern), `follow(null)` stops, and so does `halt()`,
 * which the studio calls whenever it must not play (the room socket gone, the show ended, another tab in
 * control). A watchdog stops the device once a reaction's end has passed, whatever the timers did, so a
 * device never runs on without the Room's word.
 */
export class DeviceExecutor {
  private playing: Playing | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  /** Bumped by every halt, so a step whose commands were already on the way cannot outlive it. */
  private generation = 0;

  private readonly adapter: DeviceAdapter;
  private readonly options: ExecutorOptions;

  constructor(adapter: DeviceAdapter, options: ExecutorOptions = {}) {
    this.adapter = adapter;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.watchdog = setInterval(() => this.check(), WATCHDOG_MS);
  }

  /** The id of the reaction on the device now, if any. */
  get current(): string | null {
    return this.playing?.id ?? null;
  }

  /**
   * What the Room says is running (null: nothing), its cap, and how far this clock is ahead of the Room's
   * (`offsetMs`, local minus Room). The same reaction again changes nothing.
   */
  follow(running: RunningReaction | null, cap: number, offsetMs = 0): void {
    if (!running) {
      if (this.playing) void this.halt();
      return;
    }
    if (this.playing?.id === running.id) return;
    const steps = reactionSteps(running.reaction, cap);
    const now = this.now();
    const roomStart = running.startedAt + offsetMs;
    const startLocal = now - roomStart < FRESH_MS ? now : roomStart;
    const endLocal = startLocal + Math.min(totalMs(steps), running.endsAt - running.startedAt);
    if (now >= endLocal) {
      if (this.playing) void this.halt();
      return;
    }
    clearTimeout(this.timer);
    this.playing = { id: running.id, steps, startLocal, endLocal };
    this.step();
  }

  /** Stop every device now and forget the reaction (a later `follow` of it resumes where the Room's clock is). */
  halt(): Promise<void> {
    this.generation++;
    clearTimeout(this.timer);
    this.playing = null;
    return this.adapter.stopAll().catch((error: unknown) => this.problem(error));
  }

  /** A device for a moment, at `percent` (already capped by the caller), then stopped: the panel's test button. */
  async test(deviceId: string, percent: number, ms: number): Promise<void> {
    await this.adapter.setIntensity(deviceId, percent, ms);
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!this.playing) await this.adapter.setIntensity(deviceId, 0, 0);
  }

  dispose(): Promise<void> {
    clearInterval(this.watchdog);
    return this.halt();
  }

  private step(): void {
    const playing = this.playing;
    if (!playing) return;
    const at = stepAt(playing.steps, this.now() - playing.startLocal);
    if (!at) {
      void this.halt();
      return;
    }
    void this.drive(at.intensity, at.remainingMs);
    this.timer = setTimeout(() => this.step(), at.remainingMs);
  }

  private async drive(intensity: number, holdMs: number): Promise<void> {
    const generation = this.generation;
    try {
      await Promise.all(this.adapter.devices().map((d) => this.adapter.setIntensity(d.id, intensity, holdMs)));
    } catch (error) {
      // One refused or vanished device: stop them all rather than play half a reaction.
      if (generation === this.generation) {
        this.problem(error);
        await this.halt();
      }
    }
  }

  private check(): void {
    if (this.playing && this.now() > this.playing.endLocal + GRACE_MS) void this.halt();
  }

  private problem(error: unknown): void {
    this.options.onProblem?.(error instanceof Error ? error.message : String(error));
  }
}
