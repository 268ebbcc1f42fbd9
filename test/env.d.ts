import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      MONEY_RUNS?: string;
      /** A private key Access never published: tokens signed with it must be refused. */
      TEST_ACCESS_FOREIGN_JWK: string;
    }
  }
}
