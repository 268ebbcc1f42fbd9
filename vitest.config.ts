import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { createLogger } from 'vite';
import { defineConfig } from 'vitest/config';
import { unstable_readConfig } from 'wrangler';
import { kycMasterKeys, randomSecret } from './dev/keys.ts';
import { accessStandIn } from './test/node/access-stand-in.ts';
import { devSfuSettings } from './test/node/dev-sfu-setup.ts';
import { stripeStandIn } from './test/node/stripe-stand-in.ts';

// Three projects: `worker` runs inside workerd against real D1, R2 and Durable Objects; `web` unit-tests the
// web client in Node; `e2e` drives the whole local stack (npm run dev) in headless Chromium.
const access = await accessStandIn();
const stripe = stripeStandIn();
// The dev SFU (werift, loopback) plays the Realtime API for the media routes; started by its global setup.
const sfu = await devSfuSettings();
const sfuOrigin = new URL(sfu.url).origin;
/** Miniflare hands over its own Request class, which Node's fetch does not take: copy it. */
const forward = async (request: Request) =>
  fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.method === 'GET' ? null : await request.arrayBuffer(),
  });
const migrations = await readD1Migrations('migrations');
// What a deploy would run with (wrangler.toml's top level and [env.production]), for the test that
// the deployed Worker serves none of the local stand-ins.
const deployVars = (env?: string) => ({ ...unstable_readConfig({ config: './wrangler.toml', env }).vars });
const deployConfigs = { top: deployVars(), production: deployVars('production') };

// The stripe package ships source maps whose sources it does not ship; vite warns once per
// file per test file. Those lines say nothing about Encore, so they are dropped.
const logger = createLogger();
const warn = logger.warn.bind(logger);
logger.warn = (message, options) => {
  if (!message.includes('points to missing source files')) warn(message, options);
};

export default defineConfig({
  test: {
    projects: [
      {
        customLogger: logger,
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TEST_DEPLOY_VARS: deployConfigs,
                // The local stand-ins' opt-in (workers/stand-ins.ts); only the local stack sets it.
                LOCAL_STAND_INS: '1',
                // `npm run test:money -- --runs 1000` sets this for the long property run.
                MONEY_RUNS: process.env.MONEY_RUNS ?? '100',
                SESSION_SECRET: randomSecret(),
                PASSWORD_PEPPER: randomSecret(),
                STRIPE_WEBHOOK_SECRET: `whsec_${randomSecret()}`,
                DEV_ACCESS_PRIVATE_JWK: access.privateJwk,
                ...kycMasterKeys('test-key-1'),
                ACCESS_TEAM_DOMAIN: access.teamDomain,
                TEST_ACCESS_FOREIGN_JWK: access.foreignJwk,
                // Used only where a test also sets STRIPE_SECRET_KEY; otherwise the local provider runs.
                STRIPE_API_URL: stripe.url,
                REALTIME_API_URL: sfu.url,
                REALTIME_APP_ID: sfu.appId,
                REALTIME_APP_SECRET: sfu.appSecret,
              },
              // The Worker's only ways out: the Access JWKS, Stripe API and Realtime stand-ins. Nothing else
              // is reachable.
              outboundService: (request: Request) => {
                const origin = new URL(request.url).origin;
                if (origin === sfuOrigin) return forward(request);
                return origin === stripe.url ? stripe.handle(request) : access.outbound(request);
              },
            },
          }),
        ],
        // The machines are shared: a suite that signs up dozens of users may take more than the default 5 s
        // under load; tests assert correctness, never time.
        test: {
          name: 'worker',
          include: ['test/**/*.test.ts'],
          exclude: ['test/node/**'],
          testTimeout: 30_000,
          setupFiles: ['./test/setup.ts'],
          globalSetup: ['./test/node/dev-sfu-setup.ts'],
        },
      },
      {
        // The web client's own logic (room state, reconnects, schedule): plain Node, no browser, no Worker.
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Node-side tools (the now-playing companion's file readers): plain Node, no Worker.
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
