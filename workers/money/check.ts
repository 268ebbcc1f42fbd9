import { LEDGER_CHECKS, report, type LedgerReport } from './checks.ts';

export async function checkLedger(db: D1Database): Promise<LedgerReport> {
  const names = Object.keys(LEDGER_CHECKS) as (keyof typeof LEDGER_CHECKS)[];
  const results = await db.batch<{ value: number }>(names.map((name) => db.prepare(LEDGER_CHECKS[name])));
  return report(Object.fromEntries(names.map((name, i) => [name, results[i]?.results[0]?.value ?? 0])) as { [K in keyof typeof LEDGER_CHECKS]: number });
}
