/** How long a tip's first check is remembered for its resends (as the tip menu's checks). */
const MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * What each tip was checked against when its client id first arrived: the room was live, and
 * the escrowed goal it goes to. A resend (lost answer, reconnect, several tabs) is the same tip
 * even if the show ended or the goal changed meanwhile, so it carries the same ledger entries
 * and gets the first answer instead of a conflict or a refusal.
 */
export class TipRoutes {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  first(tipKey: string): { goalId: string | undefined } | undefined {
    const row = this.sql.exec<{ goal_id: string | null }>('select goal_id from tip_routes where key = ?', tipKey).toArray()[0];
    return row ? { goalId: row.goal_id ?? undefined } : undefined;
  }

  remember(tipKey: string, goalId: string | undefined, now: number): string | undefined {
    this.sql.exec('delete from tip_routes where at < ?', now - MEMORY_MS);
    this.sql.exec('insert into tip_routes (key, goal_id, at) values (?, ?, ?) on conflict (key) do nothing', tipKey, goalId ?? null, now);
    return goalId;
  }
}
