import { drizzle } from 'drizzle-orm/d1';
import * as money from './money-schema.ts';
import * as nowPlaying from './now-playing-schema.ts';
import * as rooms from './rooms-schema.ts';
import * as safety from './safety-schema.ts';
import * as accounts from './schema.ts';

export type Database = ReturnType<typeof database>;

export function database(env: Pick<Env, 'DB'>) {
  return drizzle(env.DB, { schema: { ...accounts, ...money, ...rooms, ...safety, ...nowPlaying } });
}
