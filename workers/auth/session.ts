import { eq, lt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../wire/account.ts';
import { database } from '../db/index.ts';
import { revokedSessions, type User, users } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { intVar } from '../env.ts';
import { ApiError } from '../errors.ts';

/**
 * Sessions are short-lived HS256 JWTs in an HttpOnly cookie. Each request checks the token's
 * session version against the user row, so "log out everywhere", a password change or a
 * suspension revokes every outstanding token at once; and the token's session id against
 * `revoked_sessions`, so signing out ends that one session at once, not when its token
 * expires. Both are read in the one query the request already made for the user. A token past
 * half its lifetime is silently re-issued with the same session id, so an active user stays
 * signed in while an idle one expires.
 */
export const SESSION_COOKIE = 'encore_session';
const ISSUER = 'encore';

export type Session = { user: User; sessionId: string };

type Claims = { sub: string; sv: number; sid: string };

function secretKey(env: Env): Uint8Array {
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)
    throw new Error('SESSION_SECRET is missing or shorter than 32 characters');
  return new TextEncoder().encode(env.SESSION_SECRET);
}

function ttlSeconds(env: Env): number {
  return intVar(env.SESSION_TTL_SECONDS, 3600);
}

/** Signs in: a new session, or (when re-issuing) a fresh token for the same one. */
export async function startSession(
  c: Context<AppEnv>,
  user: Pick<User, 'id' | 'sessionVersion'>,
  sessionId = crypto.randomUUID(),
): Promise<void> {
  setCookie(c, SESSION_COOKIE, await sessionToken(c.env, user, sessionId), {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: ttlSeconds(c.env),
  });
}

/** The cookie's value; the room benchmark's dev route also signs bench users in with it. */
export async function sessionToken(
  env: Env,
  user: Pick<User, 'id' | 'sessionVersion'>,
  sessionId = crypto.randomUUID(),
): Promise<string> {
  return new SignJWT({ sv: user.sessionVersion, sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds(env)}s`)
    .sign(secretKey(env));
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}

/**
 * Signs this browser out for good: the session id is refused from now on, so a copy of the
 * cookie (another tab, a stolen one) stops working too. Kept as long as any token of the
 * session could live: a re-issue just before now would expire one lifetime from now.
 */
export async function revokeSession(c: Context<AppEnv>): Promise<void> {
  const session = c.get('session');
  if (session) {
    await database(c.env)
      .insert(revokedSessions)
      .values({ id: session.sessionId, expiresAt: Date.now() + ttlSeconds(c.env) * 1000 })
      .onConflictDoNothing();
  }
  endSession(c);
}

/** The daily cron's sweep: a revocation outlives every token it refuses, then goes. */
export async function pruneRevokedSessions(env: Env, now: number): Promise<void> {
  await database(env).delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
}

/** Reads the session cookie if there is one; never fails the request (routes decide). */
export const readSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('session', undefined);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const verified = await verifyToken(c.env, token);
    if (verified) {
      const { sub, sv, sid } = verified.claims;
      const [row] = await database(c.env)
        .select({
          user: users,
          revoked: sql<number>`exists(select 1 from ${revokedSessions} where ${revokedSessions.id} = ${sid})`,
        })
        .from(users)
        .where(eq(users.id, sub))
        .limit(1);
      const user = row?.user;
      if (user && row.revoked === 0 && user.status === 'active' && user.sessionVersion === sv) {
        c.set('session', { user, sessionId: sid });
        const halfLife = ttlSeconds(c.env) / 2;
        if (Date.now() / 1000 - verified.issuedAt > halfLife) await startSession(c, user, sid);
      } else {
        endSession(c);
      }
    } else {
      endSession(c);
    }
  }
  await next();
};

async function verifyToken(env: Env, token: string): Promise<{ claims: Claims; issuedAt: number } | undefined> {
  try {
    const { payload } = await jwtVerify(token, secretKey(env), { algorithms: ['HS256'], issuer: ISSUER });
    // A token without a session id (issued before sign-out could revoke one) is refused: it
    // could not be signed out, and at worst its holder signs in once more.
    const { sub, sv, sid, iat } = payload;
    if (typeof sub !== 'string' || typeof sv !== 'number' || typeof sid !== 'string' || typeof iat !== 'number')
      return undefined;
    return { claims: { sub, sv, sid }, issuedAt: iat };
  } catch {
    return undefined;
  }
}

export function currentUser(c: Context<AppEnv>): User {
  const session = c.get('session');
  if (!session) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
  return session.user;
}

export function requireRole(c: Context<AppEnv>, role: Role): User {
  const user = currentUser(c);
  if (user.role !== role) throw new ApiError(403, 'FORBIDDEN', `Only ${role}s can do this`);
  return user;
}
