import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      MONEY_RUNS?: string;
      /** wrangler.toml's variables, top level and [env.production], as a deploy would have them. */
      TEST_DEPLOY_VARS: { top: Record<string, unknown>; production: Record<string, unknown> };
      LOCAL_STAND_INS?: string;
      /** A private key Access never published: tokens signed with it must be refused. */
      TEST_ACCESS_FOREIGN_JWK: string;
    }
  }
}
