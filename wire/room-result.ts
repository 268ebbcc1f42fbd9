import type { ErrorCode } from './errors.ts';

/**
 * What a Room RPC method answers when it can refuse: a value, or a refusal from the closed set of error
 * codes with the HTTP status the Worker answers it with. A thrown Error would cross the RPC boundary as
 * a bare Error and become a 500; a refusal is an answer, not a failure.
 */
export type RoomResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { status: RefusalStatus; code: ErrorCode; message: string } };

export type RefusalStatus = 400 | 403 | 404 | 409 | 422 | 429;

export function accepted<T>(value: T): RoomResult<T> {
  return { ok: true, value };
}

export function refused<T = never>(status: RefusalStatus, code: ErrorCode, message: string): RoomResult<T> {
  return { ok: false, error: { status, code, message } };
}
