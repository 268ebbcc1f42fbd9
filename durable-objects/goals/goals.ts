import type { Goal, GoalStatus } from '../../wire/goals.ts';
import { log } from '../../workers/log.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { goalHold, settleGoal } from '../../workers/money/goal-escrow.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import type { Alarms } from '../alarms.ts';
import type { RoomContext } from '../room-context.ts';
import { PENDING_EXPIRY_MS } from '../tips/tip-desk.ts';
import type { TipIntent } from '../tips/tip-rules.ts';

/**
 * A tip routed to a goal can still land in its hold until its pending commit expires
 * (PENDING_EXPIRY_MS, with retries), so a decided goal's hold is settled once more well after that.
 */
export const SWEEP_AFTER_MS = 5 * PENDING_EXPIRY_MS;

type Row = {
  id: string;
  title: string;
  target: number;
  progress: number;
  escrow: number;
  deadline: number | null;
  status: GoalStatus;
  unsettled: number;
};
const COLUMNS = 'id, title, target, progress, escrow, deadline, status, unsettled';

export type NewGoal = { title: string; target: number; escrow: boolean; deadline: number | null };
/** The part of the Room's context goals use: tables, D1 and whose room it is, the alarm, the clock, the outbox. */
export type GoalsRoom = Pick<RoomContext, 'sql' | 'db' | 'env' | 'owner' | 'alarms' | 'now'> & {
  outbox: Pick<RoomContext['outbox'], 'publish'>;
};
/** Told the ids of a goal's tips once their refunds all landed (the boards and recent tips drop them). */
type Refunded = (tipIds: string[]) => void;

/**
 * What counts toward a goal: every committed tip while it is open (an escrowed goal's tips were routed to it
 * on arrival).
 */
export function goalOfTip(
  intent: Pick<TipIntent, 'goalId'>,
  shown: Pick<Goal, 'id' | 'escrow' | 'status'> | null,
): string | null {
  if (intent.goalId) return intent.goalId;
  return shown && !shown.escrow && shown.status === 'open' ? shown.id : null;
}

/**
 * The room's goal: progress that moves with every committed tip (one event per tip batch), the
 * celebration when it is reached, and, for an escrowed goal, its deadline and settlement through
 * the ledger on the Room's alarm. Every step is keyed (goal_tips by tip id; settlements by tip in
 * the ledger), so retried batches and alarms count and pay everything once.
 */
export class Goals {
  private readonly room: GoalsRoom;
  private readonly sql: SqlStorage;
  private readonly alarms: Alarms;
  private readonly refunded: Refunded;
  /** A cache of current(); undefined means "read the table". */
  private shown: Goal | null | undefined;

  constructor(room: GoalsRoom, refunded: Refunded = () => {}) {
    this.room = room;
    this.sql = room.sql;
    this.alarms = room.alarms;
    this.refunded = refunded;
  }

  /** The goal the room sees. Read for every tip, so kept in memory; every write below drops it. */
  current(): Goal | null {
    if (this.shown === undefined) {
      const row = this.sql.exec<Row>(`select ${COLUMNS} from goals where shown = 1`).toArray()[0];
      this.shown = row ? goalOf(row) : null;
    }
    return this.shown;
  }

  /** Every change to the goals table goes through here, so the cached current() never goes stale. */
  private write(query: string, ...bindings: SqlStorageValue[]): SqlStorageCursor<Record<string, SqlStorageValue>> {
    this.shown = undefined;
    return this.sql.exec(query, ...bindings);
  }

  /**
   * The escrowed goal a new tip goes to, if any: decided on its first arrival and remembered (tip-routes.ts),
   * so every retry carries the same entries.
   */
  escrowFor(now: number): string | undefined {
    const goal = this.current();
    return goal?.escrow && goal.status === 'open' && goal.deadline !== null && goal.deadline > now
      ? goal.id
      : undefined;
  }

  /** A new goal replaces the current one (an open escrowed one ends unmet: its tips go back). */
  async set(input: NewGoal, now = this.room.now()): Promise<Goal> {
    await this.hide();
    const id = crypto.randomUUID();
    this.write(
      `insert into goals (id, title, target, progress, escrow, deadline, status, shown, unsettled, ` +
        `created_at) values (?, ?, ?, 0, ?, ?, 'open', 1, 0, ?)`,
      id,
      input.title,
      input.target,
      input.escrow ? 1 : 0,
      input.escrow ? input.deadline : null,
      now,
    );
    if (input.escrow && input.deadline !== null) await this.alarms.schedule('goals', input.deadline);
    const goal = this.current()!;
    this.room.outbox.publish({ kind: 'goal', goal });
    return goal;
  }

  async end(): Promise<null> {
    if (!this.current()) return null;
    await this.hide();
    this.room.outbox.publish({ kind: 'goal', goal: null });
    return null;
  }

  /** Counts a committed tip batch; called once per batch, with retried tips among them (counted once). */
  record(tips: readonly { id: string; intent: TipIntent }[]): void {
    const before = this.current();
    let lateTips = false;
    for (const tip of tips) {
      const goalId = goalOfTip(tip.intent, before);
      if (!goalId) continue;
      if (
        this.write(
          'insert or ignore into goal_tips (tip_id, goal_id, amount) values (?, ?, ?)',
          tip.id,
          goalId,
          tip.intent.amount,
        ).rowsWritten === 0
      )
        continue;
      this.write(
        "update goals set progress = progress + ? where id = ? and status = 'open'",
        tip.intent.amount,
        goalId,
      );
      // A tip that was routed to an escrowed goal decided meanwhile: its settlement runs again.
      if (
        this.write(
          "update goals set unsettled = unsettled + 1 where id = ? and escrow = 1 and status <> 'open'",
          goalId,
        ).rowsWritten > 0
      )
        lateTips = true;
    }
    const after = this.current();
    if (after && before && after.progress !== before.progress) {
      if (after.status === 'open' && after.progress >= after.target) {
        this.decide(after.id, 'reached');
        const reached = this.current()!;
        this.room.outbox.publish({ kind: 'goal', goal: reached });
        this.room.outbox.publish({ kind: 'goal.reached', goal: reached });
        if (reached.escrow) lateTips = true;
      } else {
        this.room.outbox.publish({ kind: 'goal', goal: after });
      }
    }
    if (lateTips) this.soon();
  }

  /**
   * The alarm job: escrowed goals past their deadline are missed; every decided escrowed goal
   * with settlement owed (or its sweep due) is settled from the ledger's own record of its hold,
   * again until the hold is empty; the next deadline or sweep is scheduled.
   */
  async due(now = this.room.now()): Promise<void> {
    // Settling pays the performer: a Room that was never told whose it is has nobody to pay yet.
    const owner = this.room.owner();
    if (!owner) return;
    const { db } = this.room;
    const performerId = owner.performerId;
    const feePercent = moneyConfig(this.room.env).platformFeePercent;
    const missed = this.sql
      .exec<{ id: string }>("select id from goals where escrow = 1 and status = 'open' and deadline <= ?", now)
      .toArray();
    for (const { id } of missed) {
      this.decide(id, 'missed');
      const shown = this.current();
      if (shown?.id === id) this.room.outbox.publish({ kind: 'goal', goal: shown });
    }
    const owed = this.sql
      .exec<Row & { swept: number }>(
        `select ${COLUMNS}, exists (select 1 from goal_sweeps s where s.goal_id = goals.id and s.at <= ?) as swept
           from goals where unsettled > 0 or id in (select goal_id from goal_sweeps where at <= ?)`,
        now,
        now,
      )
      .toArray();
    let failed: unknown;
    let again = false;
    for (const goal of owed) {
      try {
        const landed = await settleGoal(db, {
          goalId: goal.id,
          performerId,
          outcome: goal.status === 'reached' ? 'release' : 'refund',
          feePercent,
        });
        const held = await balanceOf(db, goalHold(goal.id));
        log('info', 'room.goal.settled', { goal: goal.id, status: goal.status, landed, held });
        if (held > 0 && landed > 0) {
          // A tip reached the hold while we settled: settle again at once (each tip settles once, by its key).
          again = true;
          continue;
        }
        if (held > 0) log('error', 'room.goal.hold_not_empty', { goal: goal.id, held });
        else if (goal.status !== 'reached')
          this.refunded(
            this.sql
              .exec<{ tip_id: string }>('select tip_id from goal_tips where goal_id = ?', goal.id)
              .toArray()
              .map((r) => r.tip_id),
          );
        // Only the runs owed when we started are paid off: a tip recorded meanwhile keeps its own.
        this.write('update goals set unsettled = max(0, unsettled - ?) where id = ?', goal.unsettled, goal.id);
        if (goal.swept) this.sql.exec('delete from goal_sweeps where goal_id = ? and at <= ?', goal.id, now);
      } catch (error) {
        failed ??= error;
      }
    }
    const next = this.sql
      .exec<{ at: number | null }>(
        "select min(at) as at from (select deadline as at from goals where escrow = 1 and status = 'open' " +
          'union all select at from goal_sweeps)',
      )
      .one().at;
    if (next !== null) await this.alarms.schedule('goals', next);
    if (
      (again || this.sql.exec<{ n: number }>('select count(*) as n from goals where unsettled > 0').one().n > 0) &&
      !failed
    )
      this.soon();
    // Thrown after the others were tried: the scheduler runs this job again shortly.
    if (failed) throw failed;
  }

  /** Ends the shown goal for the room; an open escrowed goal ends unmet, and its tips are refunded. */
  private async hide(): Promise<void> {
    const shown = this.current();
    if (!shown) return;
    if (shown.escrow && shown.status === 'open') {
      this.decide(shown.id, 'missed');
      await this.alarms.schedule('goals', this.room.now());
    }
    this.write('update goals set shown = 0 where id = ?', shown.id);
  }

  private decide(id: string, status: Exclude<GoalStatus, 'open'>): void {
    if (
      this.write(
        "update goals set status = ?, unsettled = unsettled + escrow where id = ? and status = 'open'",
        status,
        id,
      ).rowsWritten === 0
    )
      return;
    this.sql.exec(
      'insert or ignore into goal_sweeps (goal_id, at) select id, ? from goals where id = ? and escrow = 1',
      this.room.now() + SWEEP_AFTER_MS,
      id,
    );
  }

  private soon(): void {
    this.alarms
      .schedule('goals', this.room.now())
      .catch((error: unknown) => log('error', 'room.goal.schedule_failed', { error: String(error) }));
  }
}

function goalOf(row: Row): Goal {
  return {
    id: row.id,
    title: row.title,
    target: row.target,
    progress: row.progress,
    escrow: row.escrow === 1,
    deadline: row.deadline,
    status: row.status,
  };
}
