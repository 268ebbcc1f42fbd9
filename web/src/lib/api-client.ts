import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../../workers/api-type.ts';
import { failureFrom, noteContact, offline } from './api.ts';

/**
 * The browser's fetch as every API call makes it: same-origin cookies, JSON answers asked for, no
 * answer at all turned into the NETWORK failure, and any answer renewing `lastContact`.
 */
async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw offline();
  }
  noteContact();
  return response;
}

/**
 * The API at /api, typed by the Worker's routes (workers/api-type.ts): a changed path, input or answer
 * fails the type check here. Path parameters go in as they are: encode them (`encodeURIComponent`).
 */
export const client = hc<AppType>('/api', { fetch: send });

/**
 * The body of a route's successful (2xx) answers; undefined for 204. A route that declares none gets a
 * type no page can read from, rather than `never` (which any property access would accept).
 */
export type Answer<R> = [SuccessBody<R>] extends [never] ? { noSuccessAnswer: true } : SuccessBody<R>;

type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? S extends 204
        ? undefined
        : F extends 'json'
          ? T
          : never
      : never
    : never;

/**
 * Sends a typed request; resolves with the parsed body of a successful answer (undefined on 204) and
 * rejects with ApiFailure carrying the server's error envelope otherwise.
 */
export async function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Answer<R>> {
  const response = await request;
  if (response.status === 204) return undefined as Answer<R>;
  const text = await response.text();
  if (response.ok) return JSON.parse(text) as Answer<R>;
  throw failureFrom(response.status, text, response.headers.get('Retry-After'));
}
