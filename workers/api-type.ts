/**
 * The /api router's type for the typed client (`hc<AppType>` from hono/client): the web app imports it
 * with `import type`, so no Worker code reaches the browser bundle. A changed route or answer shape in
 * workers/routes/api/ fails the web app's type check.
 */
export type { AppType } from './routes/api/index.ts';
