import type { ConsentDescription } from '@cloudflare/workers-oauth-provider';
import { lt } from 'drizzle-orm';
import { z } from 'zod';
import { sha256Hex } from '../auth/encoding.ts';
import { database } from '../db/index.ts';
import { mcpConsentAnswers } from '../db/schema.ts';
import { MCP_SCOPES, McpScope } from './scopes.ts';

/**
 * The consent page is a page of the web app, so what it shows travels through the API: the authorize endpoint
 * keeps the facts of the request (the library's description) under the consent handle for the handle's own
 * lifetime (10 minutes), bound to the account that opened it. The library keeps the request itself.
 */
const PendingConsent = z.object({
  userId: z.string(),
  clientName: z.string(),
  clientUri: z.string().nullable(),
  redirectHost: z.string(),
  redirectIsLoopback: z.boolean(),
  scopes: z.array(McpScope),
});
export type PendingConsent = z.infer<typeof PendingConsent>;

const TTL_SECONDS = 600;
const key = (handle: string) => `mcp-consent:${handle}`;

export async function keepConsent(
  env: Env,
  handle: string,
  userId: string,
  details: ConsentDescription,
): Promise<void> {
  // Scopes this server does not know are dropped; an app that asked for none is offered all of them.
  const known = details.scope.filter((scope): scope is McpScope => McpScope.safeParse(scope).success);
  const pending: PendingConsent = {
    userId,
    clientName: details.clientName,
    clientUri: details.clientUri ?? null,
    redirectHost: details.redirectHost,
    redirectIsLoopback: details.redirectIsLoopback,
    scopes: known.length > 0 ? known : [...MCP_SCOPES],
  };
  await env.OAUTH_KV.put(key(handle), JSON.stringify(pending), { expirationTtl: TTL_SECONDS });
}

/** The pending consent under `handle`, if it is this account's and has not expired or been answered. */
export async function pendingConsent(env: Env, handle: string, userId: string): Promise<PendingConsent | undefined> {
  const parsed = PendingConsent.safeParse(await env.OAUTH_KV.get(key(handle), 'json'));
  return parsed.success && parsed.data.userId === userId ? parsed.data : undefined;
}

export async function forgetConsent(env: Env, handle: string): Promise<void> {
  await env.OAUTH_KV.delete(key(handle));
}

/**
 * Claims the one answer a consent page gets: true for the first caller only, however many arrive at once. A
 * claim outlives the page's 10 minutes by a day, then goes when a later claim sweeps it.
 */
export async function claimAnswer(env: Env, handle: string): Promise<boolean> {
  const handleHash = await sha256Hex(handle);
  const now = Date.now();
  const db = database(env);
  const [claimed] = await db.batch([
    db
      .insert(mcpConsentAnswers)
      .values({ handleHash, answeredAt: now })
      .onConflictDoNothing()
      .returning({ handleHash: mcpConsentAnswers.handleHash }),
    db.delete(mcpConsentAnswers).where(lt(mcpConsentAnswers.answeredAt, now - 86_400_000)),
  ]);
  return claimed.length === 1;
}
