import type { RequestSettings } from '../../wire/music.ts';
import type { Person, RejectReason, ServerMessage } from '../../wire/room.ts';
import { log } from '../../workers/log.ts';
import { Account } from '../../workers/money/accounts.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { IdempotencyConflict, InsufficientFunds } from '../../workers/money/errors.ts';
import { balanceOf, commit } from '../../workers/money/ledger.ts';
import { requestHold, requestHoldDraft, requestPaymentKey, settleRequest } from '../../workers/money/request-escrow.ts';
import { walletFreezeOf } from '../../workers/safety/suspension.ts';
import type { RoomContext } from '../room-context.ts';
import { done, rejecter } from './request-answers.ts';
import { ACTIVE, REFUNDED, type RequestRow, songRequestOf, WAITING } from './request-rows.ts';
import type { RequestSettingsStore } from './request-settings.ts';

type Answer = ServerMessage;
type Paying = { ok: true; balance: number } | { ok: false; reason: RejectReason; message: string; balance?: number };

/** A request whose first payment never got an answer (the viewer left, D1 failed) is given up after this. */
export const HOLDING_GRACE_MS = 2 * 60_000;
/**
 * A payment can reach the ledger after its request finished (a bump answered late, a resend after the show
 * ended): each finished request's hold is settled once more this long after it was first found empty.
 */
export const SWEEP_AFTER_MS = 5 * 60_000;

/** How request tokens count on the room's leaderboard: like tips, and taken back out when refunded. */
export type RequestBoard = {
  counted: (paymentId: string, from: Person | null, amount: number) => void;
  refunded: (paymentIds: string[]) => void;
};

/**
 * The money side of the request queue: payments into a request's hold, each keyed by the requester's client
 * id (so a resend, a duplicate or a Room restarted mid-payment pays once), and the settlement job that
 * releases a played request's hold to the performer or refunds a finished one, from the ledger's own record.
 */
export class RequestHolds {
  readonly holdingGraceMs = HOLDING_GRACE_MS;
  private readonly room: RoomContext;
  private readonly settings: RequestSettingsStore;
  private readonly board: RequestBoard;
  /** Told after a payment landed (the queue re-sorts by tokens and the room sees the new totals). */
  private readonly paidOne: () => void;

  constructor(room: RoomContext, settings: RequestSettingsStore, board: RequestBoard, paid: () => void) {
    this.room = room;
    this.settings = settings;
    this.board = board;
    this.paidOne = paid;
  }

  /** The first payment of a new request (or a resend of it): its first answer stands. */
  async payFirst(row: RequestRow, clientId: string): Promise<Answer> {
    const reject = rejecter(clientId, 'request.send');
    if (row.status === 'refused') {
      const reason = (row.refusal ?? 'INSUFFICIENT_FUNDS') as RejectReason;
      return reject(reason, refusalWords(reason), await this.balance(row.user_id));
    }
    if (row.status !== 'holding') return done(clientId, songRequestOf(row), await this.balance(row.user_id));
    const paying = await this.pay(row, requestPaymentKey(row.user_id, clientId), row.price, false);
    if (!paying.ok) {
      if (paying.reason !== 'TRY_AGAIN')
        this.room.sql.exec(
          "update song_requests set status = 'refused', refusal = ? where id = ? and status = 'holding'",
          paying.reason,
          row.id,
        );
      return reject(paying.reason, paying.message, paying.balance);
    }
    const settings = this.settings.current();
    const next = settings.acceptFirst ? 'pending' : 'queued';
    this.room.sql.exec("update song_requests set status = ? where id = ? and status = 'holding'", next, row.id);
    await this.room.alarms.schedule('requests', this.room.now() + settings.expiryMinutes * 60_000);
    this.paidOne();
    return done(clientId, songRequestOf(this.reread(row)), paying.balance);
  }

  /** A bump: more tokens into a waiting request's hold. A resend of a bump that landed gets its answer again. */
  async payBump(row: RequestRow, clientId: string, amount: number, settings: RequestSettings): Promise<Answer> {
    const reject = rejecter(clientId, 'request.bump');
    const key = requestPaymentKey(row.user_id, clientId);
    const seen = this.room.sql.exec('select 1 from request_payments where key = ?', key).toArray().length > 0;
    if (seen) return done(clientId, songRequestOf(row), await this.balance(row.user_id));
    if (!WAITING.includes(row.status))
      return reject(
        'ALREADY_DECIDED',
        row.status === 'playing' ? 'It is playing now' : 'This request already finished',
      );
    const minimum = settings.bumpMinimum ?? 1;
    if (amount < minimum) return reject('BELOW_MINIMUM', `A bump adds at least ${minimum} tokens`);
    const paying = await this.pay(row, key, amount, true);
    if (!paying.ok) return reject(paying.reason, paying.message, paying.balance);
    this.paidOne();
    return done(clientId, songRequestOf(this.reread(row)), paying.balance);
  }

  /** Settles at `at` (the alarm job). */
  settleSoon(at: number): void {
    this.room.alarms
      .schedule('requests', at)
      .catch((error: unknown) => log('error', 'room.requests.schedule_failed', { error: String(error) }));
  }

  /**
   * The settlement part of the alarm job: requests whose first payment never got an answer are given up, then
   * every request with a settlement due has its hold released (played) or refunded (anything else finished),
   * payment by payment. Returns whether the queue changed. Throws (after trying every request) if one failed:
   * the scheduler runs the job again shortly.
   */
  async settleDue(now: number): Promise<boolean> {
    const owner = this.room.owner();
    if (!owner) return false;
    const given = this.room.sql.exec(
      "update song_requests set status = 'expired', settle_at = ? where status = 'holding' and at + ? <= ?",
      now,
      HOLDING_GRACE_MS,
      now,
    ).rowsWritten;
    const owed = this.room.sql
      .exec<RequestRow>('select * from song_requests where settle_at is not null and settle_at <= ?', now)
      .toArray();
    const feePercent = moneyConfig(this.room.env).platformFeePercent;
    let failed: unknown;
    let again = false;
    for (const row of owed) {
      const outcome = row.status === 'played' ? 'release' : REFUNDED.includes(row.status) ? 'refund' : null;
      if (!outcome) {
        // Undone, or back in the queue: nothing to settle.
        this.room.sql.exec('update song_requests set settle_at = null where id = ?', row.id);
        continue;
      }
      try {
        const settled = await settleRequest(this.room.db, {
          requestId: row.id,
          performerId: owner.performerId,
          outcome,
          feePercent,
        });
        if (outcome === 'refund') this.board.refunded(settled.payments);
        const held = await balanceOf(this.room.db, requestHold(row.id));
        log('info', 'room.request.settled', { request: row.id, status: row.status, landed: settled.landed, held });
        if (held > 0 && settled.landed > 0) {
          // A payment reached the hold while we settled: settle again at once (each payment settles once).
          again = true;
          continue;
        }
        if (held > 0) log('error', 'room.request.hold_not_empty', { request: row.id, held });
        this.room.sql.exec(
          'update song_requests set settle_at = ?, swept = 1 where id = ? and settle_at = ?',
          row.swept ? null : now + SWEEP_AFTER_MS,
          row.id,
          row.settle_at,
        );
      } catch (error) {
        failed ??= error;
      }
    }
    if (again && !failed) this.settleSoon(now);
    if (failed) throw failed;
    return given > 0;
  }

  /** One payment into the hold, exactly once by its key; counted on the leaderboard when it lands. */
  private async pay(row: RequestRow, key: string, amount: number, bump: boolean): Promise<Paying> {
    const owner = this.room.owner();
    if (!owner) return { ok: false, reason: 'ROOM_OFFLINE', message: 'Requests open when the show is live' };
    const { db } = this.room;
    try {
      if (await walletFreezeOf(db, row.user_id))
        return { ok: false, reason: 'WALLET_FROZEN', message: refusalWords('WALLET_FROZEN') };
      const draft = requestHoldDraft({
        requestId: row.id,
        requesterId: row.user_id,
        performerId: owner.performerId,
        amount,
        anonymous: row.anonymous === 1,
        bump,
      });
      const committed = await commit(db, draft, key);
      this.paid(row, key, committed.transactionId, amount);
      return { ok: true, balance: await this.balance(row.user_id) };
    } catch (error) {
      if (error instanceof InsufficientFunds)
        return {
          ok: false,
          reason: 'INSUFFICIENT_FUNDS',
          message: refusalWords('INSUFFICIENT_FUNDS'),
          balance: await this.balance(row.user_id).catch(() => 0),
        };
      if (error instanceof IdempotencyConflict)
        return { ok: false, reason: 'DUPLICATE', message: 'That client id was already used for another write' };
      log('error', 'room.request.payment_failed', { request: row.id, error: String(error) });
      return { ok: false, reason: 'TRY_AGAIN', message: 'The payment could not be confirmed; send it again' };
    }
  }

  /** A payment that landed: counted once (by its key), and settled again if its request finished meanwhile. */
  private paid(row: RequestRow, key: string, paymentId: string, amount: number): void {
    const fresh = this.room.sql.exec(
      'insert or ignore into request_payments (key, request_id, payment_id, amount) values (?, ?, ?, ?)',
      key,
      row.id,
      paymentId,
      amount,
    ).rowsWritten;
    if (fresh === 0) return;
    this.room.sql.exec('update song_requests set tokens = tokens + ? where id = ?', amount, row.id);
    const from: Person | null = row.anonymous
      ? null
      : { handle: row.handle, displayName: row.display_name, role: 'viewer' };
    this.board.counted(paymentId, from, amount);
    const now = this.room.now();
    const status = this.reread(row).status;
    if (status !== 'holding' && !ACTIVE.includes(status)) {
      this.room.sql.exec('update song_requests set settle_at = coalesce(settle_at, ?) where id = ?', now, row.id);
      this.settleSoon(now);
    }
  }

  private reread(row: RequestRow): RequestRow {
    return this.room.sql.exec<RequestRow>('select * from song_requests where id = ?', row.id).one();
  }

  private balance(userId: string): Promise<number> {
    return balanceOf(this.room.db, Account.wallet(userId));
  }
}

function refusalWords(reason: RejectReason): string {
  if (reason === 'INSUFFICIENT_FUNDS') return 'Not enough tokens for this request';
  if (reason === 'WALLET_FROZEN') return 'Your wallet is frozen';
  return 'This request was refused';
}
