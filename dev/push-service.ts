import { createServer } from 'node:http';

/**
 * A stand-in for a browser vendor's push service (RFC 8030), for the local stack and the tests. It takes
 * what the Worker sends to a subscription endpoint exactly as a push service would: it checks the VAPID
 * authorization (RFC 8292: an ES256 JWT for this service's origin, signed by the key in `k`) and the
 * aes128gcm content encoding, and keeps each push (still encrypted) for whoever reads it back. Subscriptions
 * name it by an https origin, as real ones do (PUSH_ORIGIN); the local stack maps that origin to this
 * server (LOCAL_PUSH_SERVICE). Endpoint ids starting `gone-` answer 410, `fail-` 500, and `flaky-` 500 on
 * the first push only, to try the Worker's handling of each.
 */
export const PUSH_ORIGIN = 'https://push.encore.local';

export type ReceivedPush = {
  id: string;
  at: number;
  topic: string | null;
  ttl: string | null;
  /** The encrypted body, base64. */
  body: string;
};

const fromBase64url = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

async function vapidValid(authorization: string | null): Promise<boolean> {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) return false;
  const [header = '', claims = '', signature = ''] = match[1]!.split('.');
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      fromBase64url(match[2]!),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const signed = new TextEncoder().encode(`${header}.${claims}`);
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, fromBase64url(signature), signed);
    const payload = JSON.parse(fromBase64url(claims).toString('utf8')) as { aud?: string; exp?: number };
    return ok && payload.aud === PUSH_ORIGIN && (payload.exp ?? 0) > Date.now() / 1000;
  } catch {
    return false;
  }
}

export class PushService {
  readonly received: ReceivedPush[] = [];
  private readonly failedOnce = new Set<string>();

  /** Answers one request (the Worker's push, or a reader's GET /received?id=). */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/received/times') {
      // Without the bodies: what a benchmark needs of thousands of pushes.
      return Response.json({ pushes: this.received.map(({ id, at }) => ({ id, at })) });
    }
    if (request.method === 'GET' && url.pathname === '/received') {
      const id = url.searchParams.get('id');
      return Response.json({ pushes: this.received.filter((p) => !id || p.id === id) });
    }
    const push = /^\/p\/([\w-]{1,100})$/.exec(url.pathname);
    if (request.method !== 'POST' || !push) return new Response('Not found', { status: 404 });
    const id = push[1]!;
    if (!(await vapidValid(request.headers.get('Authorization'))))
      return new Response('VAPID authorization missing or invalid', { status: 403 });
    if (request.headers.get('Content-Encoding') !== 'aes128gcm')
      return new Response('Content-Encoding must be aes128gcm', { status: 415 });
    if (id.startsWith('gone-')) return new Response('Subscription expired', { status: 410 });
    if (id.startsWith('fail-')) return new Response('Push service error', { status: 500 });
    if (id.startsWith('flaky-') && !this.failedOnce.has(id)) {
      this.failedOnce.add(id);
      return new Response('Push service error', { status: 500 });
    }
    const body = Buffer.from(await request.arrayBuffer()).toString('base64');
    this.received.push({
      id,
      at: Date.now(),
      topic: request.headers.get('Topic'),
      ttl: request.headers.get('TTL'),
      body,
    });
    return new Response(null, { status: 201, headers: { Location: `${PUSH_ORIGIN}/m/${this.received.length}` } });
  }

  /** Serves it on loopback (for npm run dev); resolves with its base URL. */
  listen(port = 0): Promise<{ url: string; close: () => void }> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' ? null : Buffer.concat(chunks),
      });
      const response = await this.handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    return new Promise((resolve) => {
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        resolve({ url: `http://127.0.0.1:${bound}`, close: () => server.close() });
      });
    });
  }
}
