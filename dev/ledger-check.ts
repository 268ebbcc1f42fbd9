// `npm run ledger:check`: the ledger invariants on the local database (the one `npm run dev`
// uses, or ENCORE_STATE_DIR's). Exits non-zero on any violation. The same queries answer
// GET /api/admin/ledger/check in the Worker.
import './check-node.ts';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CHECK_NAMES, formatReport, ledgerChecks, report, SETTLEMENT_GRACE_MS } from '../workers/money/checks.ts';

const root = new URL('..', import.meta.url).pathname;
const stateDir = process.env.ENCORE_STATE_DIR ?? join(root, '.wrangler/state');
// The fee every tip's split is checked against: PLATFORM_FEE_PERCENT when set, else the default of wrangler.toml.
const feePercent = /^\d+$/.test(process.env.PLATFORM_FEE_PERCENT ?? '') ? Number(process.env.PLATFORM_FEE_PERCENT) : 30;
const checks = ledgerChecks({ feePercent, settledBefore: Date.now() - SETTLEMENT_GRACE_MS });
const names = CHECK_NAMES;
const command = names.map((name) => checks[name].replace(/\s+/g, ' ')).join('; ');
const result = spawnSync(
  'npx',
  ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--json', '--command', command],
  {
    cwd: root,
    encoding: 'utf8',
  },
);
if (result.status !== 0) {
  console.error(
    `wrangler d1 execute failed (has \`npm run db:migrate\` been run?)\n${result.stdout}\n${result.stderr}`,
  );
  process.exit(2);
}
const answers = JSON.parse(result.stdout) as { results: { value: number }[] }[];
const values = Object.fromEntries(
  names.map((name, i) => [name, Number(answers[i]?.results[0]?.value ?? 0)]),
) as Parameters<typeof report>[0];
const checked = report(values);
console.log(formatReport(checked));
process.exit(checked.ok ? 0 : 1);
