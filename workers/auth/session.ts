import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../wire/account.ts';
import { database } from '../db/index.ts';
import { users, type User } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { intVar } from '../env.ts';
import { ApiError } from '../errors.ts';

/**
 * Sessions are short-lived HS256 JWTs in an HttpOnly cookie. Each request checks the token's
 * session version against the user row, so "log out everywhere", a password change or a
 * suspension revokes every outstanding token at once. A token past half its lifetime is
 * silently re-issued, so an active user stays signed in while an idle one expires.
 */
export const SESSION_COOKIE = 'encore_session';
const ISSUER = 'encore';

export type Session = { user: User };

type Claims = { sub: string; sv: number };

function secretKey(env: Env): Uint8Array {
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) throw new Error('SESSION_SECRET is missing or shorter than 32 characters');
  return new TextEncoder().encode(env.SESSION_SECRET);
}

function ttlSeconds(env: Env): number {
  return intVar(env.SESSION_TTL_SECONDS, 3600);
}

export async function startSession(c: Context<AppEnv>, user: Pick<User, 'id' | 'sessionVersion'>): Promise<void> {
  setCookie(c, SESSION_COOKIE, await sessionToken(c.env, user), { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: ttlSeconds(c.env) });
}

/** The cookie's value; the room benchmark's dev route also signs bench users in with it. */
export async function sessionToken(env: Env, user: Pick<User, 'id' | 'sessionVersion'>): Promise<string> {
  return new SignJWT({ sv: user.sessionVersion })
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

/** Reads the session cookie if there is one; never fails the request (routes decide). */
export const readSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('session', undefined);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const verified = await verifyToken(c.env, token);
    if (verified) {
      const user = await database(c.env).query.users.findFirst({ where: eq(users.id, verified.claims.sub) });
      if (user && user.status === 'active' && user.sessionVersion === verified.claims.sv) {
        c.set('session', { user });
        const halfLife = ttlSeconds(c.env) / 2;
        if (Date.now() / 1000 - verified.issuedAt > halfLife) await startSession(c, user);
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
    if (typeof payload.sub !== 'string' || typeof payload.sv !== 'number' || typeof payload.iat !== 'number') return undefined;
    return { claims: { sub: payload.sub, sv: payload.sv }, issuedAt: payload.iat };
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
