import type { Room } from '../../durable-objects/room.ts';
import type { RoomResult } from '../../wire/room-result.ts';
import { ApiError } from '../errors.ts';

/** The Room of the performer with this handle: rooms are named by their performer's handle. */
export function roomStub(env: Env, handle: string): DurableObjectStub<Room> {
  return (env.ROOM as DurableObjectNamespace<Room>).getByName(handle);
}

/** A Room's refusal becomes the Worker's error envelope with the status the Room chose. */
export function unwrapRoom<T>(result: RoomResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.status, result.error.code, result.error.message);
}
