import { defineConfig } from 'drizzle-kit';

// drizzle-kit only writes SQL here; wrangler applies it (npm run db:migrate, npm run dev, tests).
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './workers/db/schema.ts',
    './workers/db/money-schema.ts',
    './workers/db/rooms-schema.ts',
    './workers/db/safety-schema.ts',
    './workers/db/email-schema.ts',
    './workers/db/notifications-schema.ts',
    './workers/db/mcp-activity-schema.ts',
    './workers/db/now-playing-schema.ts',
    './workers/db/shows-schema.ts',
  ],
  out: './migrations',
});
