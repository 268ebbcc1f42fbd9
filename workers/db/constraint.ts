/**
 * Whether a failed write was SQLite refusing it for a constraint, the one place that reads D1's
 * error text. D1 gives no error codes, only SQLite's message (`UNIQUE constraint failed:
 * payouts.performer_id, payouts.week`, `CHECK constraint failed: account_balances_not_negative`,
 * or a trigger's `RAISE(ABORT, '<name>: ...')`), and drizzle wraps it as the error's cause.
 */
export type ConstraintKind = 'UNIQUE' | 'CHECK' | 'NOT NULL' | 'RAISE';

/**
 * `on` names what refused it: a `table.column` for UNIQUE (one of the index's columns, or the
 * primary key) and NOT NULL, the constraint's name for CHECK, the name a trigger's message starts
 * with for RAISE (our triggers write `RAISE(ABORT, '<name>: why')`). Without `on`, any of that kind.
 */
export function constraintViolated(error: unknown, kind: ConstraintKind, on?: string): boolean {
  const message = sqliteMessage(error);
  if (kind === 'RAISE') return on !== undefined && new RegExp(`(^|\\s)${escapeRegExp(on)}:`).test(message);
  const failed = new RegExp(`${kind} constraint failed: ([^:]+)`).exec(message);
  if (!failed) return false;
  return on === undefined || failed[1]!.split(',').some((target) => target.trim() === on);
}

/**
 * The message of the innermost cause: D1's own. Drizzle's wrapper quotes the query's parameters,
 * which could hold any text a user typed.
 */
function sqliteMessage(error: unknown): string {
  let e = error;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause !== undefined; depth++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
