import type { DeviceRecord, SimulatedDevice } from './simulated-devices.ts';

/**
 * One client of the simulated Buttplug server, speaking the JSON protocol the `buttplug` package (5.x) sends:
 * message spec version 4 (RequestServerInfo, RequestDeviceList, StartScanning, StopScanning, OutputCmd,
 * InputCmd, StopCmd, Ping), each frame a JSON array of one-key objects carrying an `Id`. Answers `Ok`,
 * `Error`, `ServerInfo`, `DeviceList` and `InputReading` with the same Id; device changes go out as
 * `DeviceList` with Id 0, as Intiface does. MaxPingTime is 0 because that client sends no pings.
 */
export const SPEC_VERSION = 4;
/** Buttplug's error classes (ErrorClass in the client). */
const ERROR_MSG = 3;
const ERROR_DEVICE = 4;

type Frame = Record<string, Record<string, unknown>>;

export class ButtplugSession {
  private handshaken = false;
  private listed = new Set<string>();

  private readonly record: DeviceRecord;
  private readonly send: (frames: Frame[]) => void;

  constructor(record: DeviceRecord, send: (frames: Frame[]) => void) {
    this.record = record;
    this.send = send;
  }

  /** One text frame from the client; anything unreadable is answered with an error, as Intiface does. */
  receive(text: string): void {
    let frames: unknown;
    try {
      frames = JSON.parse(text);
    } catch {
      this.send([error(0, ERROR_MSG, 'Not JSON')]);
      return;
    }
    if (!Array.isArray(frames)) {
      this.send([error(0, ERROR_MSG, 'Expected an array of messages')]);
      return;
    }
    this.send(frames.map((frame) => this.answer(frame)));
  }

  /** The client went away: Intiface stops every device then, and so does the simulator. */
  closed(): void {
    // A client that never shook hands controlled nothing.
    if (!this.handshaken) return;
    for (const device of this.record.of('buttplug')) this.record.stop(device, 'client disconnected');
  }

  /** Devices added or removed (a test pulls one mid-reaction): the client hears a fresh list. */
  devicesChanged(): void {
    if (!this.handshaken) return;
    const now = new Set(this.record.of('buttplug').map((d) => d.id));
    if (now.size === this.listed.size && [...now].every((id) => this.listed.has(id))) return;
    this.send([this.deviceList(0)]);
  }

  private answer(frame: unknown): Frame {
    if (typeof frame !== 'object' || frame === null) return error(0, ERROR_MSG, 'Expected an object');
    const [type, body] = Object.entries(frame as Frame)[0] ?? [];
    const id = typeof body?.Id === 'number' ? body.Id : 0;
    if (!type || !body) return error(id, ERROR_MSG, 'Empty message');
    if (type !== 'RequestServerInfo' && !this.handshaken) return error(id, ERROR_MSG, 'RequestServerInfo first');
    switch (type) {
      case 'RequestServerInfo':
        if (typeof body.ProtocolVersionMajor !== 'number' || body.ProtocolVersionMajor > SPEC_VERSION)
          return error(id, 1, `This server speaks spec version ${SPEC_VERSION}`);
        this.handshaken = true;
        return {
          ServerInfo: {
            Id: id,
            ServerName: 'Encore simulator',
            MaxPingTime: 0,
            ProtocolVersionMajor: SPEC_VERSION,
            ProtocolVersionMinor: 0,
          },
        };
      case 'RequestDeviceList':
        return this.deviceList(id);
      case 'StartScanning':
        // Both devices are always there; scanning finds nothing new and finishes at once.
        setTimeout(() => this.send([{ ScanningFinished: { Id: 0 } }]), 10);
        return ok(id);
      case 'StopScanning':
      case 'Ping':
        return ok(id);
      case 'OutputCmd':
        return this.output(id, body);
      case 'InputCmd':
        return this.input(id, body);
      case 'StopCmd':
        return this.stopCmd(id, body);
      default:
        return error(id, ERROR_MSG, `Unknown message ${type}`);
    }
  }

  private output(id: number, body: Record<string, unknown>): Frame {
    const device = this.device(body.DeviceIndex);
    if (!device) return error(id, ERROR_DEVICE, 'No such device');
    const command = body.Command as Record<string, { Value?: unknown }> | undefined;
    const [feature, value] = Object.entries(command ?? {})[0] ?? [];
    const steps = feature ? device.outputs[feature] : undefined;
    const features = Object.keys(device.outputs);
    if (!feature || steps === undefined || features.indexOf(feature) !== body.FeatureIndex)
      return error(id, ERROR_DEVICE, 'No such output on that feature');
    const level = value?.Value;
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > steps)
      return error(id, ERROR_DEVICE, `Value must be an integer from 0 to ${steps}`);
    this.record.output(device, feature, Math.round((level / steps) * 100));
    return this.record.refusing ? error(id, ERROR_DEVICE, 'The simulator refused the command') : ok(id);
  }

  private input(id: number, body: Record<string, unknown>): Frame {
    const device = this.device(body.DeviceIndex);
    if (!device || body.Type !== 'Battery') return error(id, ERROR_DEVICE, 'No such input');
    return {
      InputReading: {
        Id: id,
        DeviceIndex: Number(device.id),
        FeatureIndex: body.FeatureIndex as number,
        Reading: { Battery: { Value: device.battery } },
      },
    };
  }

  private stopCmd(id: number, body: Record<string, unknown>): Frame {
    if (body.DeviceIndex === undefined || body.DeviceIndex === null) {
      for (const device of this.record.of('buttplug')) this.record.stop(device);
      return ok(id);
    }
    const device = this.device(body.DeviceIndex);
    if (!device) return error(id, ERROR_DEVICE, 'No such device');
    this.record.stop(device);
    return ok(id);
  }

  private device(index: unknown): SimulatedDevice | undefined {
    return this.record.of('buttplug').find((d) => d.id === String(index));
  }

  private deviceList(id: number): Frame {
    const devices = this.record.of('buttplug');
    this.listed = new Set(devices.map((d) => d.id));
    return { DeviceList: { Id: id, Devices: Object.fromEntries(devices.map((d) => [d.id, describe(d)])) } };
  }
}

/** A device as spec version 4 lists it: one feature per output, then the battery. */
function describe(device: SimulatedDevice): Record<string, unknown> {
  const outputs = Object.entries(device.outputs);
  const features: Record<string, unknown> = {};
  for (const [index, [type, steps]] of outputs.entries())
    features[index] = { FeatureIndex: index, FeatureDescriptor: type, Output: { [type]: { Value: [0, steps] } } };
  features[outputs.length] = {
    FeatureIndex: outputs.length,
    FeatureDescriptor: 'Battery',
    Input: { Battery: { Value: [0, 100], Command: ['Read'] } },
  };
  return {
    DeviceIndex: Number(device.id),
    DeviceName: device.name,
    DeviceMessageTimingGap: 0,
    DeviceFeatures: features,
  };
}

function ok(id: number): Frame {
  return { Ok: { Id: id } };
}

function error(id: number, code: number, message: string): Frame {
  return { Error: { Id: id, ErrorCode: code, ErrorMessage: message } };
}
