import type { TipDevice } from '../../wire/devices.ts';
import type { RejectReason, ServerMessage, TipEvent } from '../../wire/room.ts';
import { log } from '../../workers/log.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { goalHold } from '../../workers/money/goal-escrow.ts';
import { type TipFate, tipFate, tipFates } from '../../workers/money/tip-fate.ts';
import { commitTips, type KeyedTip, type TipOutcome } from '../../workers/money/tips.ts';
import { LocalSwitches } from '../local-only.ts';
import type { RoomContext } from '../room-context.ts';
import type { RoomOwner } from '../transport/identity.ts';
import { type PendingTip, PendingTips } from './pending-tips.ts';
import { type TipIntent, tipEvent, tipKey } from './tip-rules.ts';

/**
 * Group commit: tips are collected for TIP_WINDOW_MS, then committed through the ledger in one
 * D1 batch (up to MAX_TIPS_PER_BATCH tips). While a batch is in flight, new tips queue up and
 * form the next one, so the batch grows with the load and D1 sees one write per round trip.
 */
export const TIP_WINDOW_MS = 5;
export const MAX_TIPS_PER_BATCH = 500;
/** If this life of the Room ends before its timer fires, the alarm commits what is pending. */
export const BACKSTOP_MS = 1_000;
/**
 * A tip D1 could not take for this long is no longer committed: it is answered from what the
 * ledger holds (an earlier attempt may have landed), else TRY_AGAIN (the client resends, same key).
 */
export const PENDING_EXPIRY_MS = 60_000;
/**
 * Tip lookups one socket may make: each reads the ledger, and a page asks once per unanswered tip
 * when it reconnects (on a new socket), so past this a socket is flooding D1, not recovering.
 */
export const LOOKUPS_PER_SOCKET = 100;

const REASONS: Record<Extract<TipOutcome, { status: 'rejected' }>['reason'], [RejectReason, string]> = {
  INSUFFICIENT_FUNDS: ['INSUFFICIENT_FUNDS', 'Not enough tokens in your wallet'],
  WALLET_FROZEN: ['WALLET_FROZEN', 'Your wallet is frozen; contact support'],
  IDEMPOTENCY_CONFLICT: ['DUPLICATE', 'This client id was already used for another tip'],
};

/**
 * A tip the ledger accepted, as the listeners after a commit see it: `shown` is its tip event as logged
 * for the room (absent when a retry's event was logged before).
 */
export type CommittedTip = { id: string; intent: TipIntent; at: number; shown?: { seq: number; tip: TipEvent } };
/**
 * What happens after tips commit (tip history, chat modes, leaderboards, goals...): told once per committed
 * batch with the tips it accepted, in the order listed, with no await in between. A retried tip can come
 * again, so listeners are keyed by tip id.
 */
export type TipListener = (tips: readonly CommittedTip[]) => void;
/**
 * Told of each accepted tip as it is answered, in tip order, before the listeners: what its tip.result adds
 * (the device queue's turn). A retried tip can come again.
 */
export type TipResultNote = (tip: { id: string; intent: TipIntent }) => { device?: TipDevice };

export class TipDesk {
  private readonly room: RoomContext;
  private readonly pending: PendingTips;
  private readonly afterTips: readonly TipListener[];
  private readonly bench: Readonly<LocalSwitches>;
  private readonly note: TipResultNote;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private committing = false;
  private alarmSet = false;

  constructor(
    room: RoomContext,
    afterTips: readonly TipListener[],
    bench: Readonly<LocalSwitches> = new LocalSwitches(),
    note: TipResultNote = () => ({}),
  ) {
    this.room = room;
    this.afterTips = afterTips;
    this.bench = bench;
    this.note = note;
    this.pending = new PendingTips(room);
  }

  /** Whether a tip waits for its window or its batch (the test-only drain waits until it is not). */
  busy(): boolean {
    return this.timer !== undefined || this.committing;
  }

  async hold(tip: Omit<PendingTip, 'intent'>, intent: TipIntent, owner: RoomOwner | undefined): Promise<void> {
    this.pending.hold({ ...tip, intent });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.commit(owner);
    }, TIP_WINDOW_MS);
    if (!this.alarmSet) {
      this.alarmSet = true;
      await this.room.alarms.schedule('tips', this.room.now() + BACKSTOP_MS);
    }
  }

  /** Commits whatever a previous life (or a failed attempt) left pending; retries later if D1 fails. */
  async alarm(owner: RoomOwner | undefined): Promise<void> {
    this.alarmSet = false;
    await this.commit(owner);
  }

  private async commit(owner: RoomOwner | undefined): Promise<void> {
    if (this.committing || !owner) return;
    this.committing = true;
    try {
      const fee = moneyConfig(this.room.env).platformFeePercent;
      // The bench's naive path (local-only.ts): one D1 batch per tip, awaited in turn.
      const size = this.bench.naive ? 1 : MAX_TIPS_PER_BATCH;
      for (let batch = this.pending.take(size); batch.length > 0; batch = this.pending.take(size)) {
        const now = this.room.now();
        const expired = batch.filter((tip) => now - tip.receivedAt >= PENDING_EXPIRY_MS);
        const live = batch.filter((tip) => now - tip.receivedAt < PENDING_EXPIRY_MS);
        const known = await this.fatesOf(expired);
        const outcomes = [
          ...(await commitTips(
            this.room.db,
            live.map((tip) => keyed(tip, owner)),
            fee,
          )),
          ...expired.map((tip) => outcomeOf(known.get(tip.key))),
        ];
        const answered = [...live, ...expired];
        const shown = answered.map((tip, i) => this.settle(tip, outcomes[i] ?? 'expired'));
        const at = this.room.now();
        const committed = answered.flatMap((tip, i): CommittedTip[] => {
          const outcome = outcomes[i];
          if (!outcome || outcome === 'expired' || outcome.status !== 'accepted') return [];
          const logged = shown[i];
          return [{ id: outcome.transactionId, intent: tip.intent, at, ...(logged ? { shown: logged } : {}) }];
        });
        for (const listener of this.afterTips) listener(committed);
      }
    } catch (error) {
      // The tips stay pending; the alarm tries again (and the client may resend, same key).
      log('error', 'room.tips.commit_failed', {
        room: owner.handle,
        error: error instanceof Error ? error.message : String(error),
      });
      this.alarmSet = true;
      await this.room.alarms.schedule('tips', this.room.now() + BACKSTOP_MS);
    } finally {
      this.committing = false;
    }
  }

  /** What a tipper learns about one of their tips: still waiting here, else what the ledger holds. */
  async lookup(userId: string, clientId: string): Promise<ServerMessage> {
    if (this.pending.has(tipKey(userId, clientId))) return { type: 'tip.status', clientId, status: 'pending' };
    const fate = await tipFate(this.room.db, userId, clientId);
    if (fate.status === 'accepted')
      return { type: 'tip.result', clientId, status: 'accepted', tipId: fate.tipId, balance: fate.balance };
    if (fate.status === 'refused')
      return {
        type: 'rejected',
        clientId,
        of: 'tip.send',
        reason: fate.reason,
        message: REASONS[fate.reason][1],
        balance: fate.balance,
      };
    return { type: 'tip.status', clientId, status: 'unknown' };
  }

  /** The ledger's record of expired tips, by tip key (one read for the batch). */
  private async fatesOf(tips: PendingTip[]): Promise<Map<string, TipFate>> {
    const byUser = new Map<string, PendingTip[]>();
    for (const tip of tips) byUser.set(tip.userId, [...(byUser.get(tip.userId) ?? []), tip]);
    const fates = new Map<string, TipFate>();
    for (const [userId, mine] of byUser) {
      const found = await tipFates(
        this.room.db,
        userId,
        mine.map((tip) => tip.clientId),
      );
      for (const tip of mine) fates.set(tip.key, found.get(tip.clientId) ?? { status: 'unknown', balance: 0 });
    }
    return fates;
  }

  /**
   * Logs the tip event, answers the tipper and releases the tip, with no await in between; returns the tip
   * event as logged, if it was.
   */
  private settle(tip: PendingTip, outcome: TipOutcome | 'expired'): CommittedTip['shown'] {
    const clientId = tip.clientId;
    let shown: CommittedTip['shown'];
    if (outcome === 'expired') {
      this.room.sockets.tell(tip.userId, {
        type: 'rejected',
        clientId,
        of: 'tip.send',
        reason: 'TRY_AGAIN',
        message: 'The tip could not be confirmed; send it again',
      });
    } else if (outcome.status === 'accepted') {
      // Keyed by the ledger transaction: a retry of a tip already shown is not shown twice.
      const event = { kind: 'tip', tip: tipEvent(outcome.transactionId, tip.intent, this.room.now()) } as const;
      const logged = this.room.outbox.publish(event, `tip:${outcome.transactionId}`);
      if (logged) shown = { seq: logged.seq, tip: event.tip };
      this.room.sockets.tell(tip.userId, {
        type: 'tip.result',
        clientId,
        status: 'accepted',
        tipId: outcome.transactionId,
        balance: outcome.balance,
        ...this.note({ id: outcome.transactionId, intent: tip.intent }),
      });
    } else {
      const [reason, message] = REASONS[outcome.reason];
      this.room.sockets.tell(tip.userId, {
        type: 'rejected',
        clientId,
        of: 'tip.send',
        reason,
        message,
        balance: outcome.balance,
      });
    }
    this.pending.release(tip.key);
    return shown;
  }
}

/** An expired tip's answer: the ledger's decision, or TRY_AGAIN when it never landed. */
function outcomeOf(fate: TipFate | undefined): TipOutcome | 'expired' {
  if (fate?.status === 'accepted')
    return { status: 'accepted', transactionId: fate.tipId, replayed: true, balance: fate.balance };
  if (fate?.status === 'refused') return { status: 'rejected', reason: fate.reason, balance: fate.balance };
  return 'expired';
}

function keyed(tip: PendingTip, owner: RoomOwner): KeyedTip {
  const { intent } = tip;
  return {
    idempotencyKey: tip.key,
    tipperId: tip.userId,
    performerId: owner.performerId,
    amount: intent.amount,
    note: intent.note ?? undefined,
    roomId: owner.handle,
    menuItem: intent.menuItem,
    escrow: intent.goalId ? goalHold(intent.goalId) : undefined,
    anonymous: intent.anonymous || undefined,
  };
}
