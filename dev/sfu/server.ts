/**
 * Dev SFU: a local stand-in for Cloudflare Realtime (Calls) that answers the same HTTPS API
 * shape over plain HTTP on loopback, so `npm run dev` and the tests need no Cloudflare account.
 * Production never starts it; the Worker talks to whatever REALTIME_API_URL names.
 *
 * API (base `${url}` = http://127.0.0.1:<port>/v1, header `Authorization: Bearer <appSecret>`):
 *   POST /apps/:appId/sessions/new                 → 201 { sessionId, sessionDescription? }
 *   POST /apps/:appId/sessions/:id/tracks/new      → { requiresImmediateRenegotiation, sessionDescription?, tracks }
 *   PUT  /apps/:appId/sessions/:id/renegotiate     → {} (or { sessionDescription } for an offer)
 * PUT /apps/:appId/sessions/:id/tracks/update → { requiresImmediateRenegotiation: false, tracks }
 * (simulcast.preferredRid)
 *   PUT  /apps/:appId/sessions/:id/tracks/close    → { requiresImmediateRenegotiation, sessionDescription?, tracks }
 *   GET  /apps/:appId/sessions/:id                 → { tracks: [{ location, mid, trackName, status }] }
 *   GET  /dev/stats (no auth; dev only)            → process CPU/memory, session and track counts
 * Errors: { errorCode, errorDescription } with 400 (bad body), 401 (secret), 404 (session),
 * 406 (a concurrent change to the same session); per-track problems are errors inside a 200.
 *
 * Limits (all fine for development and tests, none of them Cloudflare's behaviour):
 * - Loopback only: ICE candidates are 127.0.0.1 UDP, no STUN/TURN, no TCP; browsers need
 *   --allow-loopback-in-peer-connection when loopback is their only interface.
 * - Codecs: VP8 and Opus only, no RTX/RED/FEC/transport-cc. Congestion control is faked for
 *   loopback: the answer to a publisher hints a 1.5 Mbps start (x-google-start-bitrate) and the
 *   SFU sends REMB for 5 Mbps every second, so Chromium sends every simulcast layer at once.
 *   Towards viewers there is no estimate at all (NACK and PLI only).
 * - Pulling is SFU-offers only (tracks/new with remote tracks and no offer, then renegotiate);
 *   remote tracks sent together with a client offer get a per-track `not_supported` error.
 * - One simulcast video per session (werift keys rid receivers per connection). Without a
 *   preferredRid a viewer gets the first layer of the publisher's offer; a paused layer falls
 *   back to one that flows. Layer switches wait for a keyframe (a PLI is sent).
 * - Everything lives in memory in one process; no rate limits (Cloudflare allows 50 calls/s).
 * - Idle cleanup: a published track with no RTP for 30 s is dropped (its viewers get no more
 *   media); a session is closed when its connection closes or fails, when its browser's ICE
 *   consent checks stop for 15 s (tab closed, network gone), or when nothing (API call, media,
 *   viewer RTCP) was heard from it for 30 s.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DevSfu, SfuError } from './sfu.ts';

export type DevSfuHandle = { url: string; appId: string; appSecret: string; close(): Promise<void> };

const MAX_BODY = 1_000_000;

export async function startDevSfu(
  options: { port?: number; host?: string; appId?: string; appSecret?: string; idleMs?: number; goneMs?: number } = {},
): Promise<DevSfuHandle> {
  const host = options.host ?? '127.0.0.1';
  const appId = options.appId ?? 'encore-dev';
  const appSecret = options.appSecret ?? randomBytes(24).toString('base64url');
  // ICE needs a concrete address; a wildcard listen still gathers on loopback.
  const sfu = new DevSfu(
    host === '0.0.0.0' || host === 'localhost' ? '127.0.0.1' : host,
    options.idleMs,
    options.goneMs,
  );

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof SfuError ? error : new SfuError(500, 'internal_error', String(error));
      send(res, known.status, { errorCode: known.code, errorDescription: known.message });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sfu').pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/v1/dev/stats') return send(res, 200, sfu.stats());
    const match = /^\/v1\/apps\/([^/]+)\/sessions\/([^/]+)(\/[a-z/]+)?$/.exec(path);
    if (!match) throw new SfuError(404, 'not_found', `no route for ${method} ${path}`);
    const [, pathAppId, sessionId = '', action = ''] = match;
    if (pathAppId !== appId || req.headers.authorization !== `Bearer ${appSecret}`) {
      throw new SfuError(401, 'unauthorized', 'unknown app or wrong app secret');
    }
    const body = method === 'GET' ? undefined : await readJson(req);
    if (sessionId === 'new' && action === '' && method === 'POST') return send(res, 201, await sfu.newSession(body));
    const route = `${method} ${action}`;
    switch (route) {
      case 'GET ':
        return send(res, 200, sfu.state(sessionId));
      case 'POST /tracks/new':
        return send(res, 200, await sfu.addTracks(sessionId, body));
      case 'PUT /renegotiate':
        return send(res, 200, await sfu.renegotiate(sessionId, body));
      case 'PUT /tracks/update':
        return send(res, 200, await sfu.updateTracks(sessionId, body));
      case 'PUT /tracks/close':
        return send(res, 200, await sfu.closeTracks(sessionId, body));
      default:
        throw new SfuError(404, 'not_found', `no route for ${method} ${path}`);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/v1`,
    appId,
    appSecret,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sfu.close();
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SfuError(413, 'invalid_request', 'body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SfuError(400, 'invalid_request', 'body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
