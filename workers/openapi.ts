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

export function errors(...entries: [status: number, description: string][]) {
  return Object.fromEntries(entries.map(([status, description]) => [status, json(ErrorBody, description)]));
}

export const noContent = { 204: { description: 'Done' } };

export const HandleParam = z.object({ handle: z.string().min(1).max(40) });
