/**
 * One interface in front of every way of reaching a device from the performer's computer. Only the studio
 * page holds an adapter: device commands go from this page straight to the local app (Intiface Central or
 * Lovense), never through the Worker.
 */
export type DeviceBackend = 'buttplug' | 'lovense';

export type Device = {
  /** Stable for the connection: the Buttplug device index or the Lovense toy id. */
  id: string;
  name: string;
  /** What it can do, in the product's words: vibrate, rotate, oscillate, constrict, inflate… */
  features: readonly string[];
  /** Percent, when the device reports it. */
  battery: number | null;
};

export type AdapterEvents = {
  /** The list of devices changed (found, removed, battery read). */
  devices: (devices: readonly Device[]) => void;
  /** The connection to the local app is gone (closed, refused, unreachable); the adapter is unusable. */
  lost: (reason: string) => void;
};

export interface DeviceAdapter {
  readonly backend: DeviceBackend;
  /** Connects and lists the devices; rejects with a message a performer can act on. */
  connect(): Promise<void>;
  /** Stops every device, then lets go of the connection. */
  disconnect(): Promise<void>;
  devices(): readonly Device[];
  /**
   * Every output of the device (vibrate, rotate, oscillate…) at `percent` of its strength; 0 stops it.
   * `holdMs` is how long the level is meant to last: a backend that can expire a command (Lovense's
   * timeSec) uses it, so a device outlives a dead page by seconds at most.
   */
  setIntensity(deviceId: string, percent: number, holdMs: number): Promise<void>;
  stopAll(): Promise<void>;
  on<E extends keyof AdapterEvents>(event: E, listener: AdapterEvents[E]): () => void;
}

/** The listeners of one adapter, so each backend only calls `emit`. */
export class AdapterListeners {
  private readonly listeners: { [E in keyof AdapterEvents]: Set<AdapterEvents[E]> } = {
    devices: new Set(),
    lost: new Set(),
  };

  on<E extends keyof AdapterEvents>(event: E, listener: AdapterEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  emit<E extends keyof AdapterEvents>(event: E, ...args: Parameters<AdapterEvents[E]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: typeof args) => void)(...args);
  }
}

/** Feature names as the panel shows them: Buttplug's output types and Lovense's functions, lower case. */
export function featureName(type: string): string {
  return type.toLowerCase();
}
