import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { validationError } from './errors.ts';

/**
 * Every route module starts here, so all of them share the same validation-error shape. Middleware for
 * every path of the router comes as arguments: `.use()` would return a plain Hono, and the chain of
 * `.openapi()` calls after it (which carries the routes' types to the typed client) would stop.
 */
export function router(...middleware: MiddlewareHandler<AppEnv>[]): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  for (const handler of middleware) app.use('*', handler);
  return app;
}
