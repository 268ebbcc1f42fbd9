import { env } from 'cloudflare:workers';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';

export const ADMIN = 'admin@encore.local';
export const teamJwk = JSON.parse(env.DEV_ACCESS_PRIVATE_JWK) as JWK;

/** Signs an Access-shaped token as the team's key would; tests bend one thing at a time. */
export async function accessToken(
  options: { claims?: JWTPayload; jwk?: JWK; kid?: string; expiresAt?: number } = {},
): Promise<string> {
  const jwk = options.jwk ?? teamJwk;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: ADMIN,
    iss: env.ACCESS_TEAM_DOMAIN,
    aud: env.ACCESS_AUD,
    sub: 'user-1',
    iat: now,
    exp: options.expiresAt ?? now + 600,
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? jwk.kid ?? 'dev' })
    .sign(await importJWK(jwk, 'RS256'));
}

/** Headers an admin request carries behind Access. */
export async function asAdmin(): Promise<Record<string, string>> {
  return { 'Cf-Access-Jwt-Assertion': await accessToken() };
}
