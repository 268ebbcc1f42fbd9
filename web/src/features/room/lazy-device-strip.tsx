import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import type { RoomState } from './room-state.ts';

const part = lazyPart(() => import('./device-strip.tsx'));

/**
 * The toy's strip under the video, its code fetched only in a room with a device connected or reactions
 * waiting (issue 18's budget: most rooms have none). It shows nothing in the moment its code takes to arrive.
 */
export function DeviceStrip({ room }: { room: RoomState }) {
  const devices = room.devices.value;
  const wanted = Boolean(devices && (devices.deviceConnected || devices.running || devices.waiting > 0));
  const loaded = useLazyPart(part, wanted);
  return loaded ? <loaded.DeviceStrip room={room} /> : null;
}
