import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AppEnv } from '../../env.ts';

/** What a reader of /api/docs needs before the first call; kept in step with the routes (README, Routes). */
const API_DESCRIPTION = [
  'The JSON API behind the Encore web app: accounts, performers, wallets and tokens, rooms, the studio, ' +
    'live video and the admin area. Chat and tips travel over the room socket (`GET /rooms/{handle}/ws`, ' +
    'protocol in wire/room.ts), which is not part of this document.',
  '',
  '**Sessions.** Sign up or sign in under `/auth`; the session is an HttpOnly cookie (`encore_session`). ' +
    'Requests that change something must come from the site itself (their `Origin`), or they are refused ' +
    'with 403 `CROSS_SITE_REQUEST`. Sign-in and sign-up attempts are limited per address and per account ' +
    '(429 `RATE_LIMITED` with `Retry-After`).',
  '',
  '**Money.** Tokens are bought in packs (`/wallet/packs`, `POST /wallet/purchases` returns the payment ' +
    "provider's checkout) and credited when the provider's signed webhook (`/payments/stripe/webhook`) " +
    'confirms the payment. Every movement is a balanced ledger transaction; `/wallet/history` lists yours, ' +
    'and `/wallet/tips/{clientId}` says what became of a tip sent with that client id. Performers see their ' +
    'earnings and ask for weekly payouts under `/studio`.',
  '',
  '**Idempotency.** Retrying is safe where money moves: a tip is keyed by its client id, a payout request by ' +
    'its `Idempotency-Key` header (or the week), an admin adjustment by the `idempotencyKey` in its body; a ' +
    'repeat answers with the first result and moves nothing twice.',
  '',
  "**Rooms and studio.** `/rooms` lists live rooms; `/studio` is the signed-in performer's own: going live, " +
    'the tip menu and goal (kept by the room), geo-blocks, identity verification, earnings and payouts. ' +
    '`/live` is the video handshake with the media server: each handshake returns a token that later calls ' +
    'on that session must present, and handshakes are limited per person (429 `RATE_LIMITED`).',
  '`POST /studio/now-playing` also takes a now-playing token made in the studio (`Authorization: Bearer`), ' +
    'which is good for that one route and nothing else.',
  '',
  '**Admin.** Everything under `/admin` needs a Cloudflare Access token for an allow-listed email ' +
    '(`Cf-Access-Jwt-Assertion`); every reveal of personal data and every change writes one audit row.',
  '',
  '**Errors.** Every failure is `{ error: { code, message, fields? } }` with a code from a closed set ' +
    '(wire/errors.ts) and the HTTP status it implies; `fields` names each invalid input. Bodies are limited ' +
    'in size (413 `PAYLOAD_TOO_LARGE`).',
].join('\n');

/** Serves the OpenAPI document of every route in `api`, and a Swagger UI page for it whose
 *  scripts come from our own static assets (the CSP allows nothing else). */
export function documentApi(api: OpenAPIHono<AppEnv>): void {
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Encore API',
      version: '1.0.0',
      description: API_DESCRIPTION,
    },
    servers: [{ url: '/api' }],
  });
  api.get('/docs', (c) =>
    c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Encore API</title>
          <link rel="stylesheet" href="/docs/swagger-ui.css" />
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/docs/swagger-ui-bundle.js"></script>
          <script src="/docs/init.js"></script>
        </body>
      </html>`),
  );
}
