import { log } from '../../workers/log.ts';
import { Account } from '../../workers/money/accounts.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { InsufficientFunds } from '../../workers/money/errors.ts';
import { balanceOf, commit, commitReading, transactionWithKey } from '../../workers/money/ledger.ts';
import {
  showChargeDraft,
  showChargeKey,
  showRefundDraft,
  showRefundKey,
  showSettleDraft,
  showSettleKey,
  splitCharges,
} from '../../workers/money/show-escrow.ts';
import type { RoomContext } from '../room-context.ts';
import { writeShowRecord } from './show-record.ts';
import { type ChargeRow, type SeatRow, type ShowRow, seatOf, startedMinutes } from './show-rows.ts';

/**
 * How long before its boundary a minute is taken: the next minute is prepaid, so its charge is committed while
 * the current one runs and a show that ends just after a boundary finds that minute paid (a tenth of a 60 s
 * minute; half of a shortened one).
 */
export const CHARGE_LEAD_MS = 10_000;

export function chargeLead(minuteMs: number): number {
  return Math.min(CHARGE_LEAD_MS, Math.floor(minuteMs / 2));
}

/** Where a seat's paid minutes run out: the boundary its next minute starts at. */
export function paidBoundary(seat: SeatRow, minuteMs: number): number | null {
  return seat.joined_at === null ? null : seat.joined_at + seat.paid_minutes * minuteMs;
}

export type Charged =
  | { kind: 'paid'; seat: SeatRow; balance: number | null; low: boolean }
  | { kind: 'funds' }
  | { kind: 'unknown' }
  | { kind: 'skipped' };

/**
 * The money side of a show: each seat's minutes, prepaid one at a time into the show's hold (the first
 * charge covers the minimum), and the settlement when a seat ends. A minute's charge has its own key (show,
 * payer, minute index) and its row here says what was asked; the ledger says whether it landed. So an alarm
 * run twice, a Room evicted mid-charge, or D1 failing before or after the commit neither skips nor doubles a
 * minute: the next attempt sends the same key and amount, and a replay counts once.
 */
export class ShowBilling {
  private readonly room: RoomContext;
  /** Charges sent and not answered yet (this instance): a settlement waits for them. */
  private readonly inFlight = new Map<string, { seat: string; done: Promise<void>; finish: () => void }>();

  constructor(room: RoomContext) {
    this.room = room;
  }

  /**
   * Charges the seat's next minute (at start: its first, or the minimum); the same attempt if one is pending.
   * An alarm that ran late charges every minute it missed in the same transaction (`single`: just one).
   */
  async chargeNext(show: ShowRow, start: SeatRow, single = false): Promise<Charged> {
    const { sql } = this.room;
    const seat = seatOf(sql, show.id, start.user_id);
    if (!seat || seat.ended_at !== null || seat.joined_at === null) return { kind: 'skipped' };
    const minute = seat.paid_minutes;
    const key = showChargeKey(show.id, seat.user_id, minute);
    if (this.inFlight.has(key)) return { kind: 'skipped' };
    let charge = sql.exec<ChargeRow>('select * from show_charges where key = ?', key).toArray()[0];
    if (!charge) {
      const behind = single
        ? 1
        : startedMinutes(seat.joined_at, this.room.now() + chargeLead(show.minute_ms), show.minute_ms) - minute;
      const minimum = minute === 0 && seat.role === 'viewer' ? show.minimum_minutes : 1;
      const minutes = Math.max(1, minimum, behind);
      const perMinute = seat.rate + (seat.cam_on ? show.cam_rate : 0);
      const dueAt = seat.joined_at + minute * show.minute_ms;
      sql.exec(
        `insert into show_charges (key, show_id, user_id, minute, minutes, amount, due_at, status)
         values (?, ?, ?, ?, ?, ?, ?, 'pending')`,
        key,
        show.id,
        seat.user_id,
        minute,
        minutes,
        minutes * perMinute,
        dueAt,
      );
      charge = sql.exec<ChargeRow>('select * from show_charges where key = ?', key).one();
    }
    this.begin(key, show.id, seat.user_id);
    let after: number | null = null;
    try {
      const draft = showChargeDraft({
        showId: show.id,
        payerId: seat.user_id,
        performerId: show.performer_id,
        anonymous: seat.anonymous === 1,
        minute,
        minutes: charge.minutes,
        amount: charge.amount,
      });
      // The wallet's balance after the charge comes back in the same batch (the warning needs it).
      const wallet = this.room.db
        .prepare('select balance from account_balances where account = ?')
        .bind(Account.wallet(seat.user_id));
      const committed = await commitReading(this.room.db, draft, key, [wallet]);
      after = (committed.also[0]?.results[0] as { balance: number } | undefined)?.balance ?? null;
    } catch (error) {
      if (error instanceof InsufficientFunds) {
        // Missed minutes the wallet cannot pay at once: no transaction holds the key, so ask for one minute.
        if (charge.minutes > 1 && minute > 0) {
          sql.exec("delete from show_charges where key = ? and status = 'pending'", key);
          this.finish(key);
          return await this.chargeNext(show, seat, true);
        }
        sql.exec("update show_charges set status = 'refused' where key = ? and status = 'pending'", key);
        return { kind: 'funds' };
      }
      log('error', 'room.show.charge_failed', { show: show.id, minute, error: String(error) });
      return { kind: 'unknown' };
    } finally {
      this.finish(key);
    }
    this.paid(show, charge);
    const paidSeat = seatOf(sql, show.id, seat.user_id) ?? seat;
    const next = paidSeat.rate + (paidSeat.cam_on ? show.cam_rate : 0);
    const balance = after ?? (await balanceOf(this.room.db, Account.wallet(seat.user_id)).catch(() => null));
    return { kind: 'paid', seat: paidSeat, balance, low: balance !== null && balance < next };
  }

  /** Waits for the seat's charges sent by this instance (an alarm's) to be answered. */
  async quiet(showId: string, userId: string): Promise<void> {
    const seat = `${showId}/${userId}`;
    await Promise.all([...this.inFlight.values()].filter((f) => f.seat === seat).map((f) => f.done));
  }

  private begin(key: string, showId: string, userId: string): void {
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.inFlight.set(key, { seat: `${showId}/${userId}`, done, finish });
  }

  private finish(key: string): void {
    this.inFlight.get(key)?.finish();
    this.inFlight.delete(key);
  }

  /** A charge that landed: counted once on its seat, however many attempts reported it. */
  private paid(show: ShowRow, charge: ChargeRow): void {
    const { sql } = this.room;
    const now = this.room.now();
    const fresh = sql.exec(
      "update show_charges set status = 'paid', paid_at = ? where key = ? and status <> 'paid'",
      now,
      charge.key,
    ).rowsWritten;
    if (fresh === 0) return;
    sql.exec(
      `update show_seats set paid_minutes = paid_minutes + ?, tokens = tokens + ?,
         next_due = case when ended_at is null then joined_at + (paid_minutes + ?) * ? - ? else next_due end
       where show_id = ? and user_id = ? and paid_minutes = ?`,
      charge.minutes,
      charge.amount,
      charge.minutes,
      show.minute_ms,
      chargeLead(show.minute_ms),
      show.id,
      charge.user_id,
      charge.minute,
    );
  }

  /**
   * Settles an ended seat: charges still pending are looked up in the ledger (landed or not), then the used
   * minutes go to the performer and the rest back to the wallet, each once by its key; the D1 record follows.
   * False if a charge of the seat is still in flight here (settle later). Throws if D1 fails (the job retries).
   */
  async settle(show: ShowRow, seat: SeatRow): Promise<boolean> {
    const { sql, db } = this.room;
    const charges = sql
      .exec<ChargeRow>(
        'select * from show_charges where show_id = ? and user_id = ? order by minute',
        show.id,
        seat.user_id,
      )
      .toArray();
    if (charges.some((c) => this.inFlight.has(c.key))) return false;
    for (const c of charges.filter((c) => c.status === 'pending')) {
      const landed = await transactionWithKey(db, c.key);
      sql.exec(
        'update show_charges set status = ?, paid_at = ? where key = ?',
        landed ? 'paid' : 'refused',
        this.room.now(),
        c.key,
      );
      c.status = landed ? 'paid' : 'refused';
    }
    const paid = charges.filter((c) => c.status === 'paid');
    // A minute counted at the end because its charge was on its way is used only if that charge landed.
    const paidMinutes = paid.reduce((n, c) => n + c.minutes, 0);
    const used = Math.min(seat.used_minutes ?? 0, paidMinutes);
    if (used !== seat.used_minutes)
      sql.exec('update show_seats set used_minutes = ? where show_id = ? and user_id = ?', used, show.id, seat.user_id);
    const { settled, refunded } = splitCharges(paid, used);
    const who = {
      showId: show.id,
      payerId: seat.user_id,
      performerId: show.performer_id,
      anonymous: seat.anonymous === 1,
    };
    if (settled > 0)
      await commit(
        db,
        showSettleDraft({ ...who, minutes: used, amount: settled }, moneyConfig(this.room.env).platformFeePercent),
        showSettleKey(show.id, seat.user_id),
      );
    if (refunded > 0)
      await commit(db, showRefundDraft({ ...who, amount: refunded }), showRefundKey(show.id, seat.user_id));
    await writeShowRecord(db, show, seat, { minutes: used, tokens: settled });
    sql.exec('update show_seats set settled = 1 where show_id = ? and user_id = ?', show.id, seat.user_id);
    log('info', 'room.show.seat_settled', { show: show.id, used, settled, refunded });
    return true;
  }
}
