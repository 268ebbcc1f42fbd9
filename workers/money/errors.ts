/**
 * What the money module refuses, in its own words. It knows nothing of HTTP: `onError`
 * (workers/errors.ts) gives each kind its status and error code.
 */
export type MoneyErrorKind =
  /** A balance that may never go negative (accounts.ts) would have. */
  | 'INSUFFICIENT_FUNDS'
  /** An idempotency key already used for another request. */
  | 'IDEMPOTENCY_CONFLICT'
  /** A payout that cannot be asked for, failed or settled now; the message says why. */
  | 'PAYOUT_NOT_ALLOWED'
  | 'PAYOUT_NOT_FOUND';

export class MoneyError extends Error {
  readonly kind: MoneyErrorKind;
  constructor(kind: MoneyErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export class InsufficientFunds extends MoneyError {
  constructor(message = 'Not enough tokens for this') {
    super('INSUFFICIENT_FUNDS', message);
  }
}

export class IdempotencyConflict extends MoneyError {
  constructor() {
    super('IDEMPOTENCY_CONFLICT', 'This idempotency key was already used for a different request');
  }
}

export class PayoutNotAllowed extends MoneyError {
  constructor(why: string) {
    super('PAYOUT_NOT_ALLOWED', why);
  }
}
