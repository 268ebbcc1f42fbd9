import { describeReaction, reactionForTip } from '../../../../wire/device-reactions.ts';
import type { Reaction, TipDevice } from '../../../../wire/devices.ts';
import type { RoomState } from './room-state.ts';
import '../../styles/device-strip.css';

/** What the tip got on the toy, after the thanks (nothing to say without a toy). */
export function deviceWords(device: TipDevice | undefined): string {
  if (device === 'queued') return ' The toy will react to it.';
  if (device === 'queue-full') return ' The toy queue was full, so no toy reaction this time.';
  return '';
}

/**
 * What a tip of `amount` will do on the performer's toy, told before paying: its level and reaction, or that
 * the queue is full and the tip gets none. Nothing while no toy is connected. The Room decides with the
 * same function (wire/devices.ts), so what is said here is what happens unless the queue moves first.
 */
export function TipDeviceNote({
  room,
  amount,
  menuItem,
}: {
  room: RoomState;
  amount: number;
  menuItem?: { label: string; reaction: Reaction | null };
}) {
  const devices = room.devices.value;
  if (!devices?.deviceConnected || amount < 1) return null;
  const settings = {
    levels: [...room.deviceLevels.value],
    maxIntensity: devices.maxIntensity,
    maxQueue: devices.maxQueue,
  };
  const decided = reactionForTip(amount, settings, devices, menuItem);
  const ahead = devices.waiting + (devices.running ? 1 : 0);
  if (decided.queued)
    return (
      <p class="tip-device-note" role="status">
        Toy: <strong>{decided.label}</strong>, {describeReaction(decided.reaction)}
        {ahead > 0 ? ` · ${ahead} ahead in the queue` : ''}
      </p>
    );
  if (decided.why === 'queue-full')
    return (
      <p class="tip-device-note tip-device-note--full" role="status">
        The toy queue is full: this tip is welcome but gets no toy reaction.
      </p>
    );
  return null;
}
