import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../../../components/icon.tsx';
import type { DeviceBackend } from './device-adapter.ts';
import type { DeviceStudio } from './device-studio.ts';
import { QueueControls } from './queue-controls.tsx';
import { type Simulator, useSimulator } from './simulator-address.ts';
import '../../../styles/devices.css';

type Choice = { value: string; label: string; backend: DeviceBackend; address: string };

const INTIFACE: Choice = {
  value: 'intiface',
  label: 'Intiface Central (Buttplug)',
  backend: 'buttplug',
  address: 'ws://127.0.0.1:12345',
};
const LOVENSE: Choice = {
  value: 'lovense',
  label: 'Lovense Remote or Connect',
  backend: 'lovense',
  address: 'http://127.0.0.1:20010',
};

function choices(simulator: Simulator | null): Choice[] {
  const simulated: Choice[] = simulator
    ? [
        { value: 'sim-buttplug', label: 'Encore simulator', backend: 'buttplug', address: simulator.buttplug },
        { value: 'sim-lovense', label: 'Encore simulator (Lovense)', backend: 'lovense', address: simulator.lovense },
      ]
    : [];
  return [...simulated, INTIFACE, LOVENSE];
}

/**
 * The studio's Devices panel: connect a device through Intiface or the Lovense app (or the simulator
 * locally), see the devices and test each, the queue and its controls, and Stop all, always in view while
 * connected. The device is driven from this page only; the room page never loads any of this.
 */
export function DevicesPanel({
  studio,
  room,
}: {
  studio: DeviceStudio;
  room: Parameters<typeof QueueControls>[0]['room'];
}) {
  const state = studio.state.value;
  return (
    <section class="card devices-panel" aria-labelledby="devices-title">
      <h2 id="devices-title" class="room-panel-title">
        <Icon name="star" /> Devices
      </h2>
      {studio.problem.value && (
        <p class="alert alert--error" role="alert">
          {studio.problem.value}
        </p>
      )}
      {state === 'connected' ? <Connected studio={studio} /> : <ConnectForm studio={studio} />}
      <QueueControls room={room} />
    </section>
  );
}

function ConnectForm({ studio }: { studio: DeviceStudio }) {
  const simulator = useSimulator();
  const options = choices(simulator);
  const [choice, setChoice] = useState(options[0]!.value);
  const picked = options.find((o) => o.value === choice) ?? options[0]!;
  const [address, setAddress] = useState(picked.address);
  // The simulator's address arrives after the first render: offer it as soon as it is known.
  useEffect(() => {
    if (simulator) {
      setChoice('sim-buttplug');
      setAddress(simulator.buttplug);
    }
  }, [simulator?.buttplug]);
  useEffect(() => {
    void studio.checkElsewhere();
    const timer = setInterval(() => void studio.checkElsewhere(), 2000);
    return () => clearInterval(timer);
  }, [studio]);
  const pick = (value: string) => {
    setChoice(value);
    setAddress(options.find((o) => o.value === value)?.address ?? '');
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void studio.connect(picked.backend, address.trim());
  };
  if (studio.state.value === 'elsewhere')
    return (
      <div class="devices-elsewhere" role="status">
        <p>
          <strong>Devices are controlled from another tab.</strong> Only one studio tab drives them; close that tab (or
          disconnect there) to drive them from here.
        </p>
        <button type="button" class="button" onClick={() => void studio.connect(picked.backend, address.trim())}>
          Try again
        </button>
      </div>
    );
  const busy = studio.state.value === 'connecting';
  return (
    <form class="form devices-connect" noValidate onSubmit={submit}>
      <p class="muted">
        Tips make your device react. It connects from this page to the app on your computer; nothing about it passes
        through Encore.
      </p>
      <div class="field">
        <label for="device-backend">Connect through</label>
        <select id="device-backend" class="input" value={choice} onChange={(e) => pick(e.currentTarget.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="device-address">Address</label>
        <input
          id="device-address"
          class="input"
          type="text"
          value={address}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => setAddress(e.currentTarget.value)}
        />
      </div>
      <p class="button-row">
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}Connect
        </button>
      </p>
    </form>
  );
}

function Connected({ studio }: { studio: DeviceStudio }) {
  const devices = studio.devices.value;
  return (
    <>
      <div class="devices-stop">
        <button type="button" class="button button--danger devices-stop-button" onClick={() => void studio.stopAll()}>
          Stop all
        </button>
      </div>
      {devices.length === 0 ? (
        <p class="muted" role="status">
          Connected. No devices yet: switch one on and pair it in the app.
        </p>
      ) : (
        <ul class="devices-list" aria-label="Connected devices">
          {devices.map((device) => (
            <li key={device.id} class="devices-item">
              <div>
                <p class="devices-name">{device.name}</p>
                <p class="muted">
                  {device.features.join(', ') || 'no outputs'}
                  {device.battery !== null && ` · battery ${device.battery}%`}
                </p>
              </div>
              <button type="button" class="button" onClick={() => void studio.test(device.id)}>
                Test<span class="visually-hidden"> {device.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="button-row">
        <button type="button" class="button button--ghost" onClick={() => void studio.disconnect()}>
          Disconnect
        </button>
      </p>
    </>
  );
}
