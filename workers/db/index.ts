import { drizzle } from 'drizzle-orm/d1';
import * as email from './email-schema.ts';
import * as mcpActivity from './mcp-activity-schema.ts';
import * as money from './money-schema.ts';
import * as notices from './notifications-schema.ts';
import * as nowPlaying from './now-playing-schema.ts';
import * as rooms from './rooms-schema.ts';
import * as safety from './safety-schema.ts';
import * as accounts from './schema.ts';
import * as shows from './shows-schema.ts';

export type Database = ReturnType<typeof database>;

export function database(env: Pick<Env, 'DB'>) {
  return drizzle(env.DB, {
    schema: {
      ...accounts,
      ...email,
      ...notices,
      ...money,
      ...rooms,
      ...safety,
      ...mcpActivity,
      ...nowPlaying,
      ...shows,
    },
  });
}
