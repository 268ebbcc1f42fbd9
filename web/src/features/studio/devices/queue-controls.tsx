import { useEffect, useState } from 'preact/hooks';
import type { DeviceControl } from '../../../../../wire/devices.ts';
import type { DeviceRoom } from './device-studio.ts';

type QueueRoom = Pick<DeviceRoom, 'devices' | 'deviceControl'>;

/** The reaction queue as the Room keeps it, and the performer's pause, resume, skip and clear. */
export function QueueControls({ room }: { room: QueueRoom }) {
  const queue = room.devices.value;
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState<DeviceControl | null>(null);
  if (!queue) return null;
  const control = async (action: DeviceControl) => {
    setBusy(action);
    setProblem('');
    const answer = await room.deviceControl(action);
    if (!answer.ok) setProblem(answer.message ?? 'The room did not take that; try again');
    setBusy(null);
  };
  const running = queue.running;
  return (
    <div class="devices-queue">
      <h3>Reaction queue</h3>
      <p class="devices-queue-now" aria-live="polite">
        {running ? (
          <>
            Now: <strong>{running.tipper ?? 'Anonymous'}</strong> ({running.tokens} tokens
            {running.label ? `, ${running.label}` : ''}) <SecondsLeft endsAt={running.endsAt} />
          </>
        ) : queue.deviceConnected ? (
          'Nothing running.'
        ) : (
          'No device connected: tips get no reaction.'
        )}{' '}
        {queue.waiting > 0 && `${queue.waiting} waiting.`} {queue.paused && <strong>Paused.</strong>}
      </p>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <p class="button-row">
        {queue.paused ? (
          <button type="button" class="button" disabled={busy !== null} onClick={() => void control('resume')}>
            Resume
          </button>
        ) : (
          <button type="button" class="button" disabled={busy !== null} onClick={() => void control('pause')}>
            Pause
          </button>
        )}
        <button type="button" class="button" disabled={busy !== null || !running} onClick={() => void control('skip')}>
          Skip
        </button>
        <button
          type="button"
          class="button button--ghost"
          disabled={busy !== null || queue.waiting === 0}
          onClick={() => void control('clear')}
        >
          Clear queue
        </button>
      </p>
    </div>
  );
}

/** Seconds left of the running reaction, ticking; not announced (the live region says what runs). */
function SecondsLeft({ endsAt }: { endsAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return <span class="devices-left">{Math.max(0, Math.ceil((endsAt - now) / 1000))} s left</span>;
}
