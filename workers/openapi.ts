import { z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { ErrorBody } from '../wire/errors.ts';

/** Small builders so each route definition reads as its contract and nothing else. */
export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function json<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Error answers by status, each the `{ error: { code, message } }` envelope; typed per status for the client. */
export function errors<const S extends number>(
  ...entries: readonly (readonly [status: S, description: string])[]
): Record<S, ReturnType<typeof json<typeof ErrorBody>>> {
  return Object.fromEntries(entries.map(([status, description]) => [status, json(ErrorBody, description)])) as Record<
    S,
    ReturnType<typeof json<typeof ErrorBody>>
  >;
}

export const noContent = { 204: { description: 'Done' } };

export const HandleParam = z.object({ handle: z.string().min(1).max(40) });
