import {
  CHECK_NAMES,
  type CheckValues,
  type LedgerReport,
  ledgerChecks,
  report,
  SETTLEMENT_GRACE_MS,
} from './checks.ts';
import { moneyConfig } from './config.ts';

/** Runs every check in one D1 batch. `now` is when a decided goal's settlement is judged (tests move it). */
export async function checkLedger(
  db: D1Database,
  o: { feePercent?: number; now?: number } = {},
): Promise<LedgerReport> {
  const checks = ledgerChecks({
    feePercent: o.feePercent ?? moneyConfig({}).platformFeePercent,
    settledBefore: (o.now ?? Date.now()) - SETTLEMENT_GRACE_MS,
  });
  const results = await db.batch<{ value: number }>(CHECK_NAMES.map((name) => db.prepare(checks[name])));
  return report(
    Object.fromEntries(CHECK_NAMES.map((name, i) => [name, results[i]?.results[0]?.value ?? 0])) as CheckValues,
  );
}
