import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Each test file gets its own storage; give it the schema from the same migrations folder wrangler applies.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
