import {
  SHOW_CHARGE_DEADLINE_MS,
  type ShowDeclineReason,
  type ShowEndReason,
  type ShowEvent,
} from '../../wire/shows.ts';
import { isApprovedPerformer } from '../../workers/kyc/gate.ts';
import { log } from '../../workers/log.ts';
import { splitCharges } from '../../workers/money/show-escrow.ts';
import type { RoomContext } from '../room-context.ts';
import { type Charged, paidBoundary, ShowBilling } from './show-billing.ts';
import {
  activeSeats,
  BILLED,
  type ChargeRow,
  CLOSES_ROOM,
  currentShow,
  publicView,
  type SeatRow,
  type ShowRow,
  seatOf,
  seatView,
  showOf,
  startedMinutes,
} from './show-rows.ts';

/** The private viewer's seat ended these ways: a spy's seat ends as 'show-ended'. */
const VIEWER_ENDS: readonly ShowEndReason[] = ['viewer', 'left', 'banned', 'moderation'];
/** Ended these ways by the private viewer's side, the show costs at least its minimum (a drop counts as ending). */
const MINIMUM_DUE: readonly ShowEndReason[] = ['viewer', 'left'];

/** What the stage asks of the rest of the Room. */
export type ShowHooks = {
  /** A private or group show started: every public viewer's video session is closed (seats keep theirs). */
  closePublicMedia: (keep: string[]) => void;
  /** A seat ended (alone or with its show): what it had on (the viewer's camera) goes. */
  seatEnded?: (seat: SeatRow) => void;
};

/**
 * A show's transitions and its clock: start, each minute (the 'shows' alarm job), the 60 s low-balance
 * warning, every way it ends, and the settlement that follows. Both sides hear of each step on their own
 * sockets (`show.event`); the room hears what it may (RoomEvent `shows`).
 */
export class ShowStage {
  readonly billing: ShowBilling;
  private readonly room: RoomContext;
  private readonly hooks: ShowHooks;
  private settling: Promise<void> | null = null;

  constructor(room: RoomContext, hooks: ShowHooks) {
    this.room = room;
    this.hooks = hooks;
    this.billing = new ShowBilling(room);
  }

  tell(userId: string, event: ShowEvent): void {
    this.room.sockets.tell(userId, { type: 'show.event', event });
  }

  /** The room's public view of the show (or none) went out. */
  publish(): void {
    const show = currentShow(this.room.sql);
    this.room.outbox.publish({ kind: 'shows', current: show ? publicView(this.room.sql, show) : null });
  }

  /** A seat starts being billed now: its first charge (or the minimum). False if the wallet could not pay it. */
  async seatIn(show: ShowRow, seat: SeatRow): Promise<boolean> {
    const charged = await this.billing.chargeNext(show, seat);
    if (charged.kind === 'funds') {
      this.room.sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, seat.user_id);
      this.room.sql.exec('delete from show_charges where show_id = ? and user_id = ?', show.id, seat.user_id);
      return false;
    }
    this.afterCharge(show, seat, charged);
    return true;
  }

  /** The show starts: its seats are billed from now, the public room closes (private and group shows). */
  async start(show: ShowRow): Promise<void> {
    const { sql } = this.room;
    const now = this.room.now();
    sql.exec(
      `update shows set phase = 'running', started_at = ?, expires_at = null
       where id = ? and phase in ('requested', 'announced')`,
      now,
      show.id,
    );
    sql.exec(
      `update show_seats set role = case when role = 'reserved' then 'participant' else role end,
         joined_at = ?, next_due = ? where show_id = ? and ended_at is null`,
      now,
      now,
      show.id,
    );
    const running = showOf(sql, show.id)!;
    const seats = activeSeats(sql, show.id);
    if (CLOSES_ROOM.includes(running.kind)) {
      this.hooks.closePublicMedia(seats.map((s) => s.user_id));
      this.publish();
    }
    for (const seat of seats) {
      const paying = await this.seatIn(running, seat);
      if (!paying) {
        this.tell(seat.user_id, { kind: 'ended', who: null, summary: this.summary(running, seat, 0, 'funds') });
        continue;
      }
      const now = seatOf(sql, running.id, seat.user_id)!;
      this.tell(seat.user_id, { kind: 'started', show: publicView(sql, running), seat: seatView(now, false) });
    }
    this.tell(running.performer_id, { kind: 'started', show: publicView(sql, running), seat: null });
    // A private show or session whose viewer could not pay its first minute does not run.
    if (running.kind !== 'group' && activeSeats(sql, running.id).length === 0) this.endShow(running, 'funds');
    else if (running.kind === 'group') this.publish();
    await this.scheduleNext();
  }

  /** A request ends without a show: nothing was charged. */
  decline(show: ShowRow, reason: ShowDeclineReason): void {
    const { sql } = this.room;
    const gone = sql.exec(
      "update shows set phase = 'declined', ended_at = ?, expires_at = null where id = ? and phase = 'requested'",
      this.room.now(),
      show.id,
    ).rowsWritten;
    if (gone === 0) return;
    sql.exec(
      'update show_seats set ended_at = ?, settled = 1, next_due = null where show_id = ? and ended_at is null',
      this.room.now(),
      show.id,
    );
    const event: ShowEvent = { kind: 'declined', showId: show.id, reason };
    if (show.viewer_id) this.tell(show.viewer_id, event);
    this.tell(show.performer_id, event);
  }

  /** The whole show ends (either side, the clock, the room closing): every seat ends and is settled. */
  endShow(show: ShowRow, reason: ShowEndReason, at = this.room.now()): void {
    const { sql } = this.room;
    const now = at;
    const ended = sql.exec(
      `update shows set phase = 'ended', ended_at = ?, end_reason = ?
       where id = ? and phase in ('announced', 'running')`,
      now,
      reason,
      show.id,
    ).rowsWritten;
    if (ended === 0) return;
    const row = showOf(sql, show.id)!;
    for (const seat of activeSeats(sql, show.id)) {
      if (seat.role === 'reserved') {
        sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, seat.user_id);
        continue;
      }
      this.endSeat(row, seat, seat.role === 'spy' && VIEWER_ENDS.includes(reason) ? 'show-ended' : reason, false, at);
    }
    this.tell(show.performer_id, { kind: 'ended', who: null, summary: this.showSummary(row, reason) });
    if (CLOSES_ROOM.includes(show.kind) || show.phase === 'announced') this.publish();
    this.settleSoon();
  }

  /**
   * One seat ends. Minutes charged: the paid-up ones when the wallet or the billing stopped it; at least the
   * minimum when the private viewer ends it; otherwise the minutes started (never more than were paid).
   */
  endSeat(show: ShowRow, seat: SeatRow, reason: ShowEndReason, alone = true, at = this.room.now()): void {
    const { sql } = this.room;
    const now = at;
    const started = seat.joined_at === null ? 0 : startedMinutes(seat.joined_at, now, show.minute_ms);
    // A charge still on its way counts as paid here; the settlement keeps the minute only if it landed.
    const paying = seat.paid_minutes + this.pendingMinutes(show, seat);
    let used = started;
    if (reason === 'funds' || reason === 'billing') used = seat.paid_minutes;
    else if (MINIMUM_DUE.includes(reason) && seat.role === 'viewer') used = Math.max(started, show.minimum_minutes);
    used = Math.min(used, reason === 'funds' || reason === 'billing' ? seat.paid_minutes : paying);
    const changed = sql.exec(
      `update show_seats set ended_at = ?, end_reason = ?, used_minutes = ?, next_due = null, ends_at = null,
         settled = case when joined_at is null then 1 else 0 end
       where show_id = ? and user_id = ? and ended_at is null`,
      now,
      reason,
      used,
      show.id,
      seat.user_id,
    ).rowsWritten;
    if (changed === 0) return;
    const ended = seatOf(sql, show.id, seat.user_id)!;
    this.hooks.seatEnded?.(ended);
    const summary = this.summary(show, ended, used, reason);
    this.tell(seat.user_id, { kind: 'ended', who: null, summary });
    if (alone) {
      this.tell(show.performer_id, { kind: 'seat', showId: show.id, seat: seatView(ended, true), joined: false });
      if (CLOSES_ROOM.includes(show.kind)) this.publish();
      this.settleSoon();
    }
  }

  /** The 'shows' alarm job: requests that timed out, minutes due, deadlines missed, seats to settle. */
  async due(): Promise<void> {
    const { sql } = this.room;
    const now = this.room.now();
    for (const show of sql
      .exec<ShowRow>("select * from shows where phase = 'requested' and expires_at <= ?", now)
      .toArray())
      this.decline(show, 'timeout');
    const dueSeats = sql
      .exec<SeatRow>(
        `select s.* from show_seats s join shows w on w.id = s.show_id
          where w.phase = 'running' and s.ended_at is null and s.next_due is not null and s.next_due <= ?`,
        now,
      )
      .toArray();
    if (dueSeats.length > 0) await this.checkVerification(dueSeats);
    for (const due of dueSeats) {
      const show = showOf(sql, due.show_id)!;
      const seat = seatOf(sql, due.show_id, due.user_id)!;
      if (show.phase !== 'running' || seat.ended_at !== null) continue;
      await this.chargeDue(show, seat);
    }
    await this.settleEnded();
    await this.scheduleNext();
  }

  /** Runs the settlement of every ended seat now (once at a time); the alarm retries what fails. */
  settleSoon(): void {
    this.room.waitUntil(
      this.settleEnded()
        .catch((error: unknown) => log('error', 'room.show.settle_failed', { error: String(error) }))
        .then(() => this.scheduleNext()),
    );
  }

  /** The next time the job must run: the earliest minute due, request timeout, or a settlement to retry. */
  async scheduleNext(): Promise<void> {
    const { sql } = this.room;
    const next = sql
      .exec<{ at: number | null }>(
        `select min(at) as at from (
           select min(next_due) as at from show_seats where ended_at is null and next_due is not null
           union all select min(expires_at) from shows where phase = 'requested')`,
      )
      .one().at;
    const unsettled = sql
      .exec('select 1 from show_seats where ended_at is not null and settled = 0 limit 1')
      .toArray().length;
    const retry = unsettled > 0 ? this.room.now() + 5_000 : null;
    const at = [next, retry].filter((t): t is number => t !== null);
    if (at.length > 0) await this.room.alarms.schedule('shows', Math.min(...at));
  }

  /**
   * Before a show or seat ends on someone's word: minutes whose boundary has passed but whose charge the alarm
   * has not taken yet (it runs late under load) are charged now, so the end bills every started minute.
   */
  async catchUp(show: ShowRow, at: number, userId?: string): Promise<void> {
    const now = at;
    for (const active of activeSeats(this.room.sql, show.id)) {
      if (userId !== undefined && active.user_id !== userId) continue;
      // A charge the alarm has on its way covers only the minutes due when it was sent: wait for it first.
      await this.billing.quiet(show.id, active.user_id);
      const seat = seatOf(this.room.sql, show.id, active.user_id);
      if (!seat || seat.ended_at !== null) continue;
      const boundary = paidBoundary(seat, show.minute_ms);
      if (boundary === null || boundary > now || seat.next_due === null) continue;
      await this.chargeDue(show, seat);
    }
  }

  private async chargeDue(show: ShowRow, seat: SeatRow): Promise<void> {
    const { sql } = this.room;
    const now = this.room.now();
    const charged = await this.billing.chargeNext(show, seat);
    if (charged.kind === 'funds') {
      // Taken ahead of its boundary: the minute already paid runs out first, and a top-up meanwhile still counts.
      const boundary = paidBoundary(seat, show.minute_ms);
      if (boundary !== null && now < boundary) return this.fundsShort(show, seat, boundary);
      return this.endFor(show, seat, 'funds');
    }
    if (charged.kind === 'unknown' || charged.kind === 'skipped') {
      const pending = sql
        .exec<ChargeRow>(
          "select * from show_charges where show_id = ? and user_id = ? and status = 'pending' order by minute desc",
          show.id,
          seat.user_id,
        )
        .toArray()[0];
      const dueAt = pending?.due_at ?? seat.next_due ?? now;
      if (now >= dueAt + SHOW_CHARGE_DEADLINE_MS) return this.endFor(show, seat, 'billing');
      // Try again soon (before the deadline), not in a tight loop.
      const retry = Math.min(5_000, Math.max(250, Math.floor(show.minute_ms / 4)));
      sql.exec(
        'update show_seats set next_due = ? where show_id = ? and user_id = ? and ended_at is null',
        now + retry,
        show.id,
        seat.user_id,
      );
      return;
    }
    this.afterCharge(show, seat, charged);
  }

  /** The next minute could not be paid before its boundary: the seat ends there unless the wallet is topped up. */
  private fundsShort(show: ShowRow, seat: SeatRow, boundary: number): void {
    const { sql } = this.room;
    sql.exec(
      'update show_seats set next_due = ?, ends_at = coalesce(ends_at, ?) where show_id = ? and user_id = ?',
      boundary,
      boundary,
      show.id,
      seat.user_id,
    );
    // Warned already after the last minute, unless the wallet was spent on something else since.
    if (seat.ends_at !== null) return;
    const now = seatOf(sql, show.id, seat.user_id)!;
    const warning: ShowEvent = { kind: 'low-balance', showId: show.id, endsAt: boundary, who: null };
    this.tell(seat.user_id, warning);
    this.tell(show.performer_id, { ...warning, who: seatView(now, true).who });
  }

  /** After a paid minute: both sides see the tally; a wallet that cannot pay the next one gets the warning. */
  private afterCharge(show: ShowRow, seat: SeatRow, charged: Charged): void {
    if (charged.kind !== 'paid') return;
    const { sql } = this.room;
    let now = charged.seat;
    const boundary = paidBoundary(now, show.minute_ms);
    if (charged.low && now.next_due !== null && boundary !== null && now.ends_at === null) {
      sql.exec('update show_seats set ends_at = ? where show_id = ? and user_id = ?', boundary, show.id, seat.user_id);
      now = seatOf(sql, show.id, seat.user_id)!;
      const warning: ShowEvent = { kind: 'low-balance', showId: show.id, endsAt: boundary, who: null };
      this.tell(seat.user_id, warning);
      this.tell(show.performer_id, { ...warning, who: seatView(now, true).who });
    } else if (!charged.low && now.ends_at !== null) {
      // Topped up in time: the warning no longer holds.
      sql.exec('update show_seats set ends_at = null where show_id = ? and user_id = ?', show.id, seat.user_id);
      now = seatOf(sql, show.id, seat.user_id)!;
    }
    const minute = now.paid_minutes - 1;
    this.tell(seat.user_id, {
      kind: 'minute',
      showId: show.id,
      minute,
      seat: seatView(now, false),
      ...(charged.balance === null ? {} : { balance: charged.balance }),
    });
    this.tell(show.performer_id, { kind: 'minute', showId: show.id, minute, seat: seatView(now, true) });
  }

  /** The private viewer's seat ending ends the show; a spy's or participant's ends only their seat. */
  private endFor(show: ShowRow, seat: SeatRow, reason: ShowEndReason): void {
    if (seat.role === 'viewer') this.endShow(show, reason);
    else this.endSeat(show, seat, reason);
  }

  /** The performer's identity approval was revoked mid-show: every running show ends, minutes so far settled. */
  private async checkVerification(seats: SeatRow[]): Promise<void> {
    const show = showOf(this.room.sql, seats[0]!.show_id)!;
    let approved = true;
    try {
      approved = await isApprovedPerformer(this.room.db, show.performer_id);
    } catch {
      // D1 unreachable: the charges below find out and follow the billing rules.
    }
    if (approved) return;
    for (const running of this.room.sql.exec<ShowRow>("select * from shows where phase = 'running'").toArray())
      this.endShow(running, 'verification');
  }

  private async settleEnded(): Promise<void> {
    if (this.settling !== null) return this.settling;
    this.settling = (async () => {
      const { sql } = this.room;
      let failed: unknown;
      const seats = sql
        .exec<SeatRow>('select * from show_seats where ended_at is not null and settled = 0 and joined_at is not null')
        .toArray();
      for (const seat of seats) {
        try {
          await this.billing.settle(showOf(sql, seat.show_id)!, seat);
        } catch (error) {
          failed ??= error;
        }
      }
      if (failed) throw failed;
    })().finally(() => {
      this.settling = null;
    });
    return this.settling;
  }

  /** Minutes of the seat's charges sent and not yet known to have landed. */
  private pendingMinutes(show: ShowRow, seat: SeatRow): number {
    return this.room.sql
      .exec<{ n: number }>(
        `select coalesce(sum(minutes), 0) as n from show_charges
          where show_id = ? and user_id = ? and status = 'pending'`,
        show.id,
        seat.user_id,
      )
      .one().n;
  }

  private summary(show: ShowRow, seat: SeatRow, used: number, reason: ShowEndReason) {
    // Charges on their way count: the settlement keeps a minute only if its charge landed.
    const paid = this.room.sql
      .exec<ChargeRow>(
        "select * from show_charges where show_id = ? and user_id = ? and status in ('paid', 'pending')",
        show.id,
        seat.user_id,
      )
      .toArray();
    const joined = seat.joined_at ?? this.room.now();
    return {
      showId: show.id,
      kind: show.kind,
      durationMs: Math.max(0, (seat.ended_at ?? this.room.now()) - joined),
      minutes: used,
      tokens: splitCharges(paid, used).settled,
      reason,
    };
  }

  private showSummary(show: ShowRow, reason: ShowEndReason) {
    const seats = this.room.sql
      .exec<SeatRow>('select * from show_seats where show_id = ? and joined_at is not null', show.id)
      .toArray();
    let tokens = 0;
    let minutes = 0;
    for (const seat of seats) {
      const s = this.summary(show, seat, seat.used_minutes ?? 0, reason);
      tokens += s.tokens;
      minutes = Math.max(minutes, s.minutes);
    }
    return {
      showId: show.id,
      kind: show.kind,
      durationMs: Math.max(0, (show.ended_at ?? this.room.now()) - (show.started_at ?? show.requested_at)),
      minutes,
      tokens,
      reason,
    };
  }
}

export { BILLED };
