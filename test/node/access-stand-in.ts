import { accessKeyPair } from '../../dev/keys.ts';
import { TEAM_DOMAIN } from '../access-domains.ts';

/**
 * The Access side of the worker tests, run in Node by vitest: a team key pair (the same
 * shape `npm run dev` generates), a foreign key pair Access never published, and the
 * outbound handler that answers the Worker's JWKS fetch as <team>/cdn-cgi/access/certs does.
 * `down.access.test` plays a team whose keys cannot be fetched.
 */

export async function accessStandIn() {
  const privateJwk = await accessKeyPair();
  const foreignJwk = await accessKeyPair();
  const { kty, n, e, kid } = JSON.parse(privateJwk) as Record<string, string>;
  const jwks = { keys: [{ kty, n, e, kid, alg: 'RS256', use: 'sig' }] };
  const outbound = (request: Request): Response => {
    const url = new URL(request.url);
    if (url.origin === TEAM_DOMAIN && url.pathname === '/cdn-cgi/access/certs') return Response.json(jwks);
    return new Response('unreachable in tests', { status: 503 });
  };
  return { privateJwk, foreignJwk, teamDomain: TEAM_DOMAIN, outbound };
}
