import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Runs work after the answer where the runtime can (the request's waitUntil), so the answer does not
 * wait on it (and its time says nothing); in-process tests without an execution context await it.
 */
export async function later(c: Context<AppEnv>, work: Promise<unknown>): Promise<void> {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    await work;
  }
}
