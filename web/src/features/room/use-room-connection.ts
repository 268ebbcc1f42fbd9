import { useEffect, useState } from 'preact/hooks';
import { RoomConnection } from './room-connection.ts';

/**
 * One live connection to a room while the component is mounted: opened on mount, closed on
 * unmount. Key the component by the handle (and the account) to join another room.
 */
export function useRoomConnection(handle: string): RoomConnection {
  const [room] = useState(() => new RoomConnection(handle));
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);
  return room;
}
