import { AdapterListeners, type Device, type DeviceAdapter } from './device-adapter.ts';

/** Lovense Remote for PC's Game Mode HTTP port on this computer; the app shows the address it listens on. */
export const LOVENSE_DEFAULT_ADDRESS = 'http://127.0.0.1:20010';
const LEVELS = 20;
/** The app has no connection to drop, so it is asked for its toys this often to notice one that went away. */
const POLL_MS = 2000;
const TIMEOUT_MS = 3000;

/** What each toy does besides vibrating, by the model name the app reports; anything unknown just vibrates. */
const FUNCTIONS: Record<string, readonly string[]> = {
  nora: ['Vibrate', 'Rotate'],
  ridge: ['Vibrate', 'Rotate'],
  osci: ['Oscillate'],
};

type Toy = { id: string; name: string; nickName?: string; status?: string | number; battery?: number };

/**
 * Lovense through the app's own local API: the Standard API "by local application" (Lovense Remote's Game
 * Mode, or Lovense Connect), `POST <address>/command` with JSON. `GetToys` lists the toys; `Function` with
 * `action: "Vibrate:12,Rotate:12"` (levels 0 to 20) and `timeSec` sets a level, which the app itself drops
 * when timeSec runs out, so a toy never runs on long after this page is gone; `action: "Stop"` stops.
 */
export class LovenseAdapter implements DeviceAdapter {
  readonly backend = 'lovense' as const;
  private readonly listeners = new AdapterListeners();
  private toys: Device[] = [];
  private poller: ReturnType<typeof setInterval> | undefined;
  private connected = false;

  private readonly address: string;

  constructor(address: string) {
    this.address = address;
  }

  on: DeviceAdapter['on'] = (event, listener) => this.listeners.on(event, listener);

  async connect(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      throw new Error(
        `Could not reach the Lovense app at ${this.address}. Is Lovense Remote (Game Mode, LAN on) or Lovense ` +
          `Connect running? (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    this.connected = true;
    this.poller = setInterval(() => {
      this.refresh().catch((error: unknown) => this.lose(error instanceof Error ? error.message : String(error)));
    }, POLL_MS);
  }

  async disconnect(): Promise<void> {
    clearInterval(this.poller);
    if (this.connected) await this.stopAll().catch(() => undefined);
    this.connected = false;
  }

  devices(): readonly Device[] {
    return this.toys;
  }

  async setIntensity(deviceId: string, percent: number, holdMs: number): Promise<void> {
    const toy = this.toys.find((t) => t.id === deviceId);
    if (!toy) throw new Error('That toy is gone');
    const level = Math.ceil((Math.max(0, Math.min(100, percent)) / 100) * LEVELS);
    if (level === 0) {
      await this.command({ command: 'Function', action: 'Stop', timeSec: 0, toy: deviceId, apiVer: 1 });
      return;
    }
    const action = (FUNCTIONS[toy.name.toLowerCase()] ?? ['Vibrate']).map((f) => `${f}:${level}`).join(',');
    // A second past the step, so the next step's command lands before the app lets go on its own.
    const timeSec = Math.max(1, Math.ceil(holdMs / 1000) + 1);
    await this.command({ command: 'Function', action, timeSec, toy: deviceId, apiVer: 1 });
  }

  async stopAll(): Promise<void> {
    await this.command({ command: 'Function', action: 'Stop', timeSec: 0, apiVer: 1 });
  }

  private async refresh(): Promise<void> {
    const answer = await this.command({ command: 'GetToys' });
    const raw = (answer.data as { toys?: unknown } | undefined)?.toys;
    const toys = Object.values((typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Record<string, Toy>)
      .filter((toy) => String(toy.status ?? '1') === '1')
      .map((toy) => ({
        id: toy.id,
        name: toy.nickName || toy.name,
        features: (FUNCTIONS[toy.name.toLowerCase()] ?? ['Vibrate']).map((f) => f.toLowerCase()),
        battery: typeof toy.battery === 'number' ? toy.battery : null,
      }));
    const changed = JSON.stringify(toys) !== JSON.stringify(this.toys);
    this.toys = toys;
    if (changed) this.listeners.emit('devices', this.toys);
  }

  private lose(reason: string): void {
    if (!this.connected) return;
    this.connected = false;
    clearInterval(this.poller);
    this.toys = [];
    this.listeners.emit('lost', `The Lovense app stopped answering (${reason})`);
  }

  private async command(body: Record<string, unknown>): Promise<{ code: number; message?: string; data?: unknown }> {
    const response = await fetch(`${this.address.replace(/\/$/, '')}/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-platform': 'Encore' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`the app answered ${response.status}`);
    const answer = (await response.json()) as { code: number; message?: string; data?: unknown };
    if (answer.code !== 200) throw new Error(answer.message ?? `the app refused it (code ${answer.code})`);
    return answer;
  }
}
