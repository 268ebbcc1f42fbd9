import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../wire/errors.ts';
import { log } from './log.ts';
import { MoneyError, type MoneyErrorKind } from './money/errors.ts';

/** The one exception the Worker throws for a client-facing failure; `onError` renders it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers;
  }
}

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/** Turns a zod failure into a 400 that names each bad field once. */
export function validationError(error: ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? `${first[0]}: ${first[1]}` : 'The request is not valid';
  return new ApiError(400, 'VALIDATION_FAILED', message, { fields });
}

const HTTP_EXCEPTIONS: Record<number, [ErrorCode, string]> = {
  400: ['INVALID_JSON', 'The request body is not valid JSON'],
  401: ['UNAUTHENTICATED', 'Sign in first'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Send this request as application/json'],
};

/** How each refusal of the money module is answered. */
const MONEY_ERRORS: Record<MoneyErrorKind, [ContentfulStatusCode, ErrorCode]> = {
  INSUFFICIENT_FUNDS: [409, 'INSUFFICIENT_FUNDS'],
  IDEMPOTENCY_CONFLICT: [409, 'IDEMPOTENCY_CONFLICT'],
  PAYOUT_NOT_ALLOWED: [409, 'PAYOUT_NOT_ALLOWED'],
  PAYOUT_NOT_FOUND: [404, 'NOT_FOUND'],
};

/**
 * A failure meant for the client (an ApiError or a money refusal) as the status and envelope it is answered
 * with; undefined for anything else. The HTTP routes and the MCP tools answer refusals through this one map.
 */
export function clientError(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } | undefined {
  if (err instanceof MoneyError) {
    const [status, code] = MONEY_ERRORS[err.kind];
    return { status, body: errorBody(code, err.message) };
  }
  if (err instanceof ApiError) return { status: err.status, body: errorBody(err.code, err.message, err.fields) };
  return undefined;
}

export function onError(err: Error, c: Context): Response {
  const refusal = clientError(err);
  if (refusal) {
    if (err instanceof ApiError) for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(refusal.body, refusal.status);
  }
  if (err instanceof HTTPException) {
    // Hono's own validators and middleware speak HTTPException; map them into the closed set.
    const known = HTTP_EXCEPTIONS[err.status];
    if (known) return c.json(errorBody(known[0], known[1]), err.status as ContentfulStatusCode);
  }
  log('error', 'unhandled', { requestId: c.get('requestId'), error: err.message, stack: err.stack });
  return c.json(errorBody('INTERNAL', 'Something went wrong on our side; try again'), 500);
}

export function notFound(c: Context): Response {
  return c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
