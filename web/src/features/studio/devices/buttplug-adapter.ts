import {
  ButtplugBrowserWebsocketClientConnector,
  ButtplugClient,
  type ButtplugClientDevice,
  DeviceOutputCommand,
  InputType,
  OutputType,
} from 'buttplug';
import { AdapterListeners, type Device, type DeviceAdapter, featureName } from './device-adapter.ts';

export const INTIFACE_DEFAULT_ADDRESS = 'ws://127.0.0.1:12345';

/** The outputs a reaction drives: the continuous ones. Position, heat, spray and lights are left alone. */
const DRIVEN = [OutputType.Vibrate, OutputType.Rotate, OutputType.Oscillate] as const;

/**
 * Buttplug through Intiface Central (or any Buttplug server, the simulator included) with the `buttplug`
 * package 5.x: message spec version 4 (OutputCmd, StopCmd, InputCmd) over the browser's own WebSocket
 * (its ButtplugBrowserWebsocketClientConnector; the Node connector is for Node). That client sends no
 * pings, so a silent server is noticed by the socket closing, which the executor turns into a stop.
 */
export class ButtplugAdapter implements DeviceAdapter {
  readonly backend = 'buttplug' as const;
  private readonly client = new ButtplugClient('Encore studio');
  private readonly listeners = new AdapterListeners();
  private readonly batteries = new Map<string, number>();
  private closing = false;

  private readonly address: string;

  constructor(address: string) {
    this.address = address;
  }

  on: DeviceAdapter['on'] = (event, listener) => this.listeners.on(event, listener);

  async connect(): Promise<void> {
    this.client.on('deviceadded', (device: ButtplugClientDevice) => {
      this.changed();
      void this.readBattery(device);
    });
    this.client.on('deviceremoved', () => this.changed());
    this.client.on('disconnect', () => {
      if (!this.closing) this.listeners.emit('lost', 'The connection to Intiface closed');
    });
    try {
      await this.client.connect(new ButtplugBrowserWebsocketClientConnector(this.address));
    } catch (error) {
      throw new Error(
        `Could not reach a Buttplug server at ${this.address}. Is Intiface Central running with its server ` +
          `started? (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    // Devices already paired are listed at once; scanning finds any switched on since.
    this.client.startScanning().catch(() => undefined);
    this.changed();
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    if (this.client.connected) await this.client.disconnect().catch(() => undefined);
  }

  devices(): readonly Device[] {
    if (!this.client.connected) return [];
    return [...this.client.devices.values()].map((device) => ({
      id: String(device.index),
      name: device.displayName || device.name,
      features: [...new Set([...device.features.values()].flatMap((f) => [...f.outputs.keys()].map(featureName)))],
      battery: this.batteries.get(String(device.index)) ?? null,
    }));
  }

  async setIntensity(deviceId: string, percent: number, _holdMs?: number): Promise<void> {
    const device = this.client.devices.get(Number(deviceId));
    if (!device) throw new Error('That device is gone');
    const share = Math.max(0, Math.min(1, percent / 100));
    const sends = [...device.features.values()].flatMap((feature) =>
      DRIVEN.filter((type) => feature.hasOutput(type)).map((type) =>
        feature.runOutput(DeviceOutputCommand.createPercent(type, share)),
      ),
    );
    await Promise.all(sends);
  }

  async stopAll(): Promise<void> {
    if (this.client.connected) await this.client.stopAllDevices();
  }

  private async readBattery(device: ButtplugClientDevice): Promise<void> {
    if (!device.hasInput(InputType.Battery)) return;
    try {
      const feature = [...device.features.values()].find((f) => f.hasInput(InputType.Battery));
      const max = feature?.input(InputType.Battery)?.valueRange[1] ?? 100;
      this.batteries.set(String(device.index), Math.round(((await device.battery()) / (max || 100)) * 100));
      this.changed();
    } catch {
      // A battery the device will not report is simply not shown.
    }
  }

  private changed(): void {
    this.listeners.emit('devices', this.devices());
  }
}
