import { Agent, createServer, type IncomingMessage, request, type Server } from 'node:http';
import { connect } from 'node:net';

/**
 * The local stack's edge: what Cloudflare does in front of the Worker in production for one
 * header. Cloudflare sets CF-Connecting-IP to the address the connection came from, overwriting
 * whatever the client sent, and the Worker keys its sign-in, sign-up and media rate limits on
 * it. `wrangler dev` only fills the header in when it is missing and passes a client's own value
 * on (checked by experiment with wrangler 4.164: `curl -H 'CF-Connecting-IP: 6.6.6.6'` reached
 * the Worker as 6.6.6.6), so locally anyone could pick a fresh rate-limit bucket per request.
 * This edge listens on the stack's public port and forwards every request, WebSocket upgrades
 * included, to wrangler on a private one, with the header set from the socket.
 */
export function startClientIpEdge(publicPort: number, wranglerPort: number): Promise<Server> {
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: wranglerPort,
        method: incoming.method,
        path: incoming.url,
        headers: headersFrom(incoming),
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    incoming.pipe(upstream);
  });
  // A WebSocket upgrade: send wrangler the rewritten request head, then join the two sockets.
  server.on('upgrade', (incoming: IncomingMessage, socket, head: Buffer) => {
    const upstream = connect(wranglerPort, '127.0.0.1', () => {
      const lines = Object.entries(headersFrom(incoming)).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
      upstream.write(`${incoming.method} ${incoming.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(publicPort, '127.0.0.1', () => resolve(server));
  });
}

/** The request's headers with CF-Connecting-IP replaced by the socket's address. */
function headersFrom(incoming: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined && name !== 'cf-connecting-ip') headers[name] = value;
  }
  headers['cf-connecting-ip'] = (incoming.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return headers;
}
