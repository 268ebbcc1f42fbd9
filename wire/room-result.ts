import type { ErrorCode } from './errors.ts';
import type { RejectReason } from './room.ts';

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

/**
 * A room socket's refusal (a `rejected` frame's reason) as the same refusal over RPC, for callers with no
 * socket (a performer's connected app): the codes both sets share pass through as they are.
 */
const REASON_REFUSALS: Record<RejectReason, [RefusalStatus, ErrorCode]> = {
  INSUFFICIENT_FUNDS: [409, 'INSUFFICIENT_FUNDS'],
  WALLET_FROZEN: [403, 'WALLET_FROZEN'],
  RATE_LIMITED: [429, 'RATE_LIMITED'],
  MUTED: [403, 'FORBIDDEN'],
  BANNED: [403, 'FORBIDDEN'],
  ROOM_OFFLINE: [409, 'NOT_LIVE'],
  INVALID: [400, 'INVALID'],
  FORBIDDEN: [403, 'FORBIDDEN'],
  SIGN_IN_REQUIRED: [403, 'FORBIDDEN'],
  FILTERED: [422, 'FILTERED'],
  SLOW_MODE: [429, 'RATE_LIMITED'],
  FOLLOWERS_ONLY: [403, 'FORBIDDEN'],
  TIPPERS_ONLY: [403, 'FORBIDDEN'],
  DUPLICATE: [409, 'IDEMPOTENCY_CONFLICT'],
  TRY_AGAIN: [409, 'RETRY_LATER'],
  REQUESTS_CLOSED: [409, 'FORBIDDEN'],
  QUEUE_FULL: [409, 'LIMIT_REACHED'],
  BELOW_MINIMUM: [400, 'VALIDATION_FAILED'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  ALREADY_DECIDED: [409, 'ALREADY_RESOLVED'],
  SHOW_BUSY: [409, 'SHOW_BUSY'],
  SHOWS_OFF: [409, 'FORBIDDEN'],
  SPY_OFF: [409, 'FORBIDDEN'],
  NOT_VERIFIED: [403, 'FORBIDDEN'],
  GEO_BLOCKED: [403, 'FORBIDDEN'],
  BELOW_MINIMUM_SEATS: [409, 'LIMIT_REACHED'],
};

export function refusedFor<T = never>(reason: RejectReason, message: string): RoomResult<T> {
  const [status, code] = REASON_REFUSALS[reason];
  return refused(status, code, message);
}
