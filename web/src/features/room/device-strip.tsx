import { useEffect, useState } from 'preact/hooks';
import { describeReaction, reactionMs } from '../../../../wire/device-reactions.ts';
import { ProgressBar } from '../../components/progress-bar.tsx';
import type { RoomState } from './room-state.ts';
import '../../styles/device-strip.css';

/**
 * Under the video: what the performer's device plays now (who tipped, or Anonymous; the level; seconds
 * left), how many reactions wait, and whether the queue is paused or the toy gone. Hidden while no device is
 * connected and nothing waits. The seconds tick without being announced; a new reaction is announced once.
 */
export function DeviceStrip({ room }: { room: RoomState }) {
  const devices = room.devices.value;
  const now = useClock(Boolean(devices?.running));
  if (!devices || (!devices.deviceConnected && !devices.running && devices.waiting === 0)) return null;
  const running = devices.running;
  const total = running ? reactionMs(running.reaction) : 0;
  // The Room's clock and this page's may differ a little: never more than the reaction's length.
  const left = running ? Math.min(total, Math.max(0, running.endsAt - now)) : 0;
  const who = running ? (running.tipper ?? 'Anonymous') : '';
  return (
    <section class="device-strip" aria-label="Interactive toy">
      <p class="device-strip-line">
        <span class="device-strip-dot" data-on={running ? 'true' : undefined} aria-hidden="true" />
        {running ? (
          <span>
            <strong>{who}</strong> · {running.label ?? 'Tip'} ·{' '}
            <span class="muted">{describeReaction(running.reaction)}</span>
          </span>
        ) : (
          <span class="muted">
            {!devices.deviceConnected ? 'Toy disconnected' : devices.paused ? 'Toy paused' : 'Toy is waiting for tips'}
          </span>
        )}
        {running && (
          <span class="device-strip-left" aria-hidden="true">
            {Math.ceil(left / 1000)} s left
          </span>
        )}
        <span class="device-strip-waiting">
          {devices.waiting} waiting{devices.waiting >= devices.maxQueue ? ' (full)' : ''}
        </span>
      </p>
      {running && <ProgressBar fraction={total ? 1 - left / total : 1} label="Reaction played" />}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {running ? `The toy reacts to ${who}’s tip: ${describeReaction(running.reaction)}` : ''}
      </p>
    </section>
  );
}

/** Now, four times a second while a reaction runs (the countdown), else still. */
function useClock(ticking: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
