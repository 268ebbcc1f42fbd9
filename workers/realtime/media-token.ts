import { base64url, fromBase64url } from '../auth/encoding.ts';
/**
 * SFU session ids are not secrets (the SFU lets anyone holding the app secret touch any
 * session), so the Worker hands each page a token that binds its session to the room, to what
 * the page may do (publish or watch) and to who asked. Every later call (renegotiate, switch
 * layer, close) must present it. HMAC-SHA256 with the session secret; valid for a day.
 */
export type MediaGrant = {
  sessionId: string;
  handle: string;
  /** cam-publisher: a private viewer's camera (cam-to-cam); cam-viewer: the show's performer pulling it. */
  role: 'publisher' | 'viewer' | 'cam-publisher' | 'cam-viewer';
  userId: string | null;
};

const TOKEN_TTL_MS = 24 * 3600 * 1000;
const encoder = new TextEncoder();

export async function grantToken(secret: string, grant: MediaGrant, now = Date.now()): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify({ ...grant, exp: now + TOKEN_TTL_MS })));
  return `${payload}.${await sign(secret, payload)}`;
}

/** The grant inside a valid, unexpired token, or null. */
export async function readToken(secret: string, token: string, now = Date.now()): Promise<MediaGrant | null> {
  const [payload = '', signature = ''] = token.split('.');
  if (!payload || !signature) return null;
  const key = await hmacKey(secret);
  const valid = await crypto.subtle
    .verify('HMAC', key, fromBase64url(signature), encoder.encode(payload))
    .catch(() => false);
  if (!valid) return null;
  try {
    const body = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as MediaGrant & { exp: number };
    if (typeof body.exp !== 'number' || body.exp < now) return null;
    return { sessionId: body.sessionId, handle: body.handle, role: body.role, userId: body.userId };
  } catch {
    return null;
  }
}

async function sign(secret: string, payload: string): Promise<string> {
  const key = await hmacKey(secret);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(payload))));
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(`media-token:${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}
