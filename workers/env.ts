import type { Session } from './auth/session.ts';

/** Hono's typing for this Worker: the generated bindings plus what middleware puts on the context. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Set by `readSession` when the request carries a valid session cookie. */
    session: Session | undefined;
    /** Set by `requireAccess` once the Access token has been verified. */
    adminEmail: string;
  };
};

export function isProduction(env: Env): boolean {
  return env.ENVIRONMENT === 'production';
}

export function intVar(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
