import type { ErrorBody, ErrorCode } from '../../../wire/errors.ts';

/** `NETWORK` is the client's own code for "the request never got an answer". */
export type FailureCode = ErrorCode | 'NETWORK';

/** A refused or failed API call, carrying the server's error envelope. */
export class ApiFailure extends Error {
  readonly code: FailureCode;
  readonly status: number;
  readonly fields: Record<string, string>;
  /** Seconds to wait, from Retry-After, on 429. */
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    code: FailureCode,
    message: string,
    fields: Record<string, string> = {},
    retryAfter?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

/** When the Worker last answered us; any answer renews the session (see session.ts). */
export let lastContact = 0;

/** Called on every answer from the Worker, whatever its status. */
export function noteContact(): void {
  lastContact = Date.now();
}

/** Builds an ApiFailure from an error response (shared with the XHR uploads). */
export function failureFrom(status: number, text: string, retryAfter: string | null): ApiFailure {
  const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  try {
    const { error } = JSON.parse(text) as ErrorBody;
    return new ApiFailure(status, error.code, error.message, error.fields ?? {}, seconds);
  } catch {
    // Not our envelope (a proxy's error page, say): say something true but generic.
    return new ApiFailure(status, 'INTERNAL', `Something went wrong (HTTP ${status}); try again`, {}, seconds);
  }
}

export function offline(): ApiFailure {
  return new ApiFailure(0, 'NETWORK', 'Could not reach Encore; check your connection and try again');
}

/** A message for anything a page caught, whether an ApiFailure or a bug. */
export function messageOf(error: unknown): string {
  return error instanceof ApiFailure ? error.message : 'Something went wrong; try again';
}
