import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { NOW_PLAYING_TOKENS_MAX, type NowPlayingToken } from '../../wire/music.ts';
import { randomSecret, sha256Hex } from '../auth/encoding.ts';
import { database } from '../db/index.ts';
import { nowPlayingTokens } from '../db/now-playing-schema.ts';
import { users } from '../db/schema.ts';
import { ApiError } from '../errors.ts';

/**
 * Now-playing tokens: a performer's key for one action only, posting the track now playing (the DJ's
 * companion command runs unattended beside Serato, so it cannot hold a session, and must never hold the
 * password). The token is 256 random bits after a fixed prefix; only its SHA-256 is stored. Nothing else
 * reads a bearer token, so it opens nothing else.
 */
export const TOKEN_PREFIX = 'encnp_';
const HINT_CHARS = TOKEN_PREFIX.length + 6;

/** Whose room a token posts to, and which token it was (its own rate limit). */
export type TokenHolder = { tokenId: string; performerId: string; handle: string };

type Row = typeof nowPlayingTokens.$inferSelect;

function shown(row: Row): NowPlayingToken {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt).toISOString(),
  };
}

const hashOf = sha256Hex;

function newSecret(): string {
  return TOKEN_PREFIX + randomSecret();
}

/** The performer's live tokens, newest first. */
export async function listTokens(env: Env, performerId: string): Promise<NowPlayingToken[]> {
  const rows = await database(env)
    .select()
    .from(nowPlayingTokens)
    .where(and(eq(nowPlayingTokens.performerId, performerId), isNull(nowPlayingTokens.revokedAt)))
    .orderBy(desc(nowPlayingTokens.createdAt));
  return rows.map(shown);
}

/** A new token; its secret is returned here and never again. */
export async function createToken(
  env: Env,
  performerId: string,
  name: string,
): Promise<{ token: NowPlayingToken; secret: string }> {
  const db = database(env);
  const [live] = await db
    .select({ n: count() })
    .from(nowPlayingTokens)
    .where(and(eq(nowPlayingTokens.performerId, performerId), isNull(nowPlayingTokens.revokedAt)));
  if ((live?.n ?? 0) >= NOW_PLAYING_TOKENS_MAX)
    throw new ApiError(
      409,
      'LIMIT_REACHED',
      `You have ${NOW_PLAYING_TOKENS_MAX} now-playing tokens; revoke one you no longer use first`,
    );
  const secret = newSecret();
  const [row] = await db
    .insert(nowPlayingTokens)
    .values({
      id: crypto.randomUUID(),
      performerId,
      name,
      tokenHash: await hashOf(secret),
      hint: secret.slice(0, HINT_CHARS),
      createdAt: Date.now(),
    })
    .returning();
  if (!row) throw new Error('the new token was not written');
  return { token: shown(row), secret };
}

/** Revokes one of the performer's own tokens; another performer's id is not found. */
export async function revokeToken(env: Env, performerId: string, tokenId: string): Promise<void> {
  const revoked = await database(env)
    .update(nowPlayingTokens)
    .set({ revokedAt: Date.now() })
    .where(
      and(
        eq(nowPlayingTokens.id, tokenId),
        eq(nowPlayingTokens.performerId, performerId),
        isNull(nowPlayingTokens.revokedAt),
      ),
    )
    .returning({ id: nowPlayingTokens.id });
  if (revoked.length === 0) throw new ApiError(404, 'NOT_FOUND', 'No such now-playing token');
}

/**
 * Who a presented token belongs to; a wrong, revoked or suspended performer's token is refused (401, or 403
 * for a suspended account) with a message that says which. A good token's last use is noted.
 */
export async function tokenHolder(env: Env, token: string): Promise<TokenHolder> {
  const db = database(env);
  const [row] = token.startsWith(TOKEN_PREFIX)
    ? await db
        .select({
          id: nowPlayingTokens.id,
          revokedAt: nowPlayingTokens.revokedAt,
          performerId: users.id,
          handle: users.handle,
          role: users.role,
          status: users.status,
        })
        .from(nowPlayingTokens)
        .innerJoin(users, eq(users.id, nowPlayingTokens.performerId))
        .where(eq(nowPlayingTokens.tokenHash, await hashOf(token)))
        .limit(1)
    : [];
  if (!row)
    throw new ApiError(401, 'UNAUTHENTICATED', 'That is not a now-playing token; make one in the studio (Now playing)');
  if (row.revokedAt !== null)
    throw new ApiError(401, 'UNAUTHENTICATED', 'This now-playing token was revoked; make a new one in the studio');
  if (row.status !== 'active') throw new ApiError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended');
  if (row.role !== 'performer') throw new ApiError(403, 'FORBIDDEN', 'Only performers can post what is playing');
  await db.update(nowPlayingTokens).set({ lastUsedAt: Date.now() }).where(eq(nowPlayingTokens.id, row.id));
  return { tokenId: row.id, performerId: row.performerId, handle: row.handle };
}
