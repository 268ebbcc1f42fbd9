import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AppEnv } from '../../env.ts';

/** Serves the OpenAPI document of every route in `api`, and a Swagger UI page for it whose
 *  scripts come from our own static assets (the CSP allows nothing else). */
export function documentApi(api: OpenAPIHono<AppEnv>): void {
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Encore API',
      version: '1.0.0',
      description: 'Accounts, profiles, follows and admin access. Errors are `{ error: { code, message } }`.',
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
