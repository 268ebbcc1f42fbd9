// `npm run test:money -- --runs 1000`: the ledger property test, long form.
import { spawnSync } from 'node:child_process';

const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 1000;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number');
const result = spawnSync('npx', ['vitest', 'run', '--project', 'worker', 'test/money/ledger.property.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, MONEY_RUNS: String(runs) },
});
process.exit(result.status ?? 1);
