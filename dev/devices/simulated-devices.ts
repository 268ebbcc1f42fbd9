/**
 * The simulator's pretend hardware and its record: every command either backend receives, with the time it
 * arrived (Date.now() on this machine, the clock the tests and the bench compare against).
 */
export type Backend = 'buttplug' | 'lovense';

export type RecordedCommand = {
  seq: number;
  /** Epoch ms when the command arrived. */
  at: number;
  backend: Backend;
  device: string;
  /** An output level (0 to 100 % of the feature's range) or a stop of every output. */
  kind: 'output' | 'stop';
  feature?: string;
  intensity?: number;
  /** Why a stop happened when the client did not ask for it (its socket closed, timeSec ran out). */
  cause?: string;
  /** The simulator refused it (a fault the tests switch on). */
  refused?: boolean;
};

export type SimulatedDevice = {
  backend: Backend;
  /** Buttplug device index, or Lovense toy id. */
  id: string;
  name: string;
  /** Output features and their step count (a Buttplug Value range of [0, steps]). */
  outputs: Record<string, number>;
  battery: number;
  /** Current level of each output, 0 to 100. */
  levels: Record<string, number>;
  present: boolean;
};

export class DeviceRecord {
  private seq = 0;
  readonly commands: RecordedCommand[] = [];
  /** Switched on by tests: every device command is answered with an error and changes nothing. */
  refusing = false;
  readonly devices: SimulatedDevice[] = [
    device('buttplug', '0', 'Encore simulator vibe', { Vibrate: 20 }, 82),
    device('buttplug', '1', 'Encore simulator twist', { Vibrate: 20, Rotate: 20 }, 57),
    device('lovense', 'sim-lush-1', 'lush', { Vibrate: 20 }, 74),
    device('lovense', 'sim-nora-1', 'nora', { Vibrate: 20, Rotate: 20 }, 91),
  ];
  private readonly listeners = new Set<() => void>();

  of(backend: Backend): SimulatedDevice[] {
    return this.devices.filter((d) => d.backend === backend && d.present);
  }

  record(entry: Omit<RecordedCommand, 'seq' | 'at'>): RecordedCommand {
    const recorded = { seq: ++this.seq, at: Date.now(), ...entry };
    this.commands.push(recorded);
    // A long dev session should not grow without bound.
    if (this.commands.length > 20_000) this.commands.splice(0, 10_000);
    for (const listener of this.listeners) listener();
    return recorded;
  }

  output(target: SimulatedDevice, feature: string, intensity: number): void {
    if (this.refusing) {
      this.record({ backend: target.backend, device: target.name, kind: 'output', feature, intensity, refused: true });
      return;
    }
    target.levels[feature] = intensity;
    this.record({ backend: target.backend, device: target.name, kind: 'output', feature, intensity });
  }

  stop(target: SimulatedDevice, cause?: string): void {
    for (const feature of Object.keys(target.levels)) target.levels[feature] = 0;
    this.record({ backend: target.backend, device: target.name, kind: 'stop', ...(cause ? { cause } : {}) });
  }

  since(seq: number): RecordedCommand[] {
    return this.commands.filter((c) => c.seq > seq);
  }

  clear(): void {
    this.commands.length = 0;
  }

  /** Called after every recorded command (the Buttplug server tells its clients of removed devices here too). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function device(
  backend: Backend,
  id: string,
  name: string,
  outputs: Record<string, number>,
  battery: number,
): SimulatedDevice {
  const levels = Object.fromEntries(Object.keys(outputs).map((k) => [k, 0]));
  return { backend, id, name, outputs, battery, levels, present: true };
}
