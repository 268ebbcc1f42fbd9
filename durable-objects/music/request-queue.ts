import {
  type RequestQueue as QueueView,
  REQUEST_UNDO_MS,
  type RequestSettings,
  RequestText,
  type SongRequest,
} from '../../wire/music.ts';
import type { ClientMessage, ServerMessage } from '../../wire/room.ts';
import type { RoomContext } from '../room-context.ts';
import type { Identity } from '../transport/identity.ts';
import { done, rejecter } from './request-answers.ts';
import type { RequestHolds } from './request-holds.ts';
import { ACTIVE, inList, REFUNDED, type RequestRow, type RowStatus, songRequestOf, WAITING } from './request-rows.ts';
import type { RequestSettingsStore } from './request-settings.ts';
import { blockedTerm, sameSong } from './song-names.ts';
import type { TrackListener, TrackMatch } from './track-listener.ts';

type Message<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
type Answer = ServerMessage;

/** Finished requests the room still sees (the requester sees theirs flip to played or refunded). */
const DONE_SHOWN = 5;

/** What the queue needs beyond the Room's context: whether the show is live, the settings, the holds. */
export type RequestQueueParts = { live: () => boolean; settings: RequestSettingsStore; holds: RequestHolds };

/**
 * The room's song-request queue, in the Room's SQLite (song_requests). Every write answers explicitly
 * (`request.result` or `rejected`); every change goes to the room as one `requests` event with the whole
 * queue (at most REQUEST_QUEUE_MAX waiting), so a reconnecting page gets it replayed like any other event.
 * The money side (payments into the hold, settlements) is in request-holds.ts.
 */
export class RequestQueue {
  private readonly room: RoomContext;
  private readonly parts: RequestQueueParts;

  constructor(room: RoomContext, parts: RequestQueueParts) {
    this.room = room;
    this.parts = parts;
  }

  /** What the room sees. */
  view(): QueueView {
    const settings = this.parts.settings.current();
    const queue = this.rows(`status in ${inList(ACTIVE)} order by status <> 'playing', rank, at`).map(songRequestOf);
    const done = this.rows(
      `status in ${inList(['played', ...REFUNDED])} and tokens > 0 order by coalesce(played_at, at) desc limit ?`,
      DONE_SHOWN,
    ).map(songRequestOf);
    return { open: settings.open, price: settings.price, bumpMinimum: settings.bumpMinimum, queue, done };
  }

  /** The ids of this user's requests the room still shows (their page offers bump and withdraw on them). */
  mine(userId: string | null): string[] {
    if (!userId) return [];
    return this.room.sql
      .exec<{ id: string }>(
        `select id from song_requests where user_id = ? and status not in ('holding', 'refused') order by at desc
         limit 50`,
        userId,
      )
      .toArray()
      .map((r) => r.id);
  }

  publish(): void {
    this.room.outbox.publish({ kind: 'requests', requests: this.view() });
  }

  /** The performer changed the settings (studio): the order rule may have changed, and the room sees it. */
  settingsChanged(settings: RequestSettings): void {
    this.rerank(settings);
    this.publish();
  }

  /** A viewer requests a song: checked, then paid into its hold; a resend of the same client id is that request. */
  async send(who: Identity, m: Message<'request.send'>): Promise<Answer> {
    const reject = rejecter(m.clientId, 'request.send');
    if (!who.userId) return reject('SIGN_IN_REQUIRED', 'Sign in to request a song');
    if (who.role === 'performer') return reject('FORBIDDEN', 'You cannot request songs in your own room');
    const existing = this.row('user_id = ? and client_id = ?', who.userId, m.clientId);
    // A resend after the show ended pays nothing more; whatever the first attempt paid goes back with the sweep.
    if (existing?.status === 'holding' && !this.parts.live())
      return reject('ROOM_OFFLINE', 'Requests open when the show is live');
    if (existing) return this.parts.holds.payFirst(existing, m.clientId);
    const text = RequestText.safeParse(m);
    if (!text.success) return reject('INVALID', text.error.issues[0]?.message ?? 'Not a valid request');
    if (!this.room.owner() || !this.parts.live()) return reject('ROOM_OFFLINE', 'Requests open when the show is live');
    const settings = this.parts.settings.current();
    if (!settings.open) return reject('REQUESTS_CLOSED', 'Requests are closed right now');
    const { title, artist, note } = text.data;
    if (blockedTerm(settings.blocklist, [title, artist, note]) !== undefined)
      return reject('FILTERED', 'The performer does not take requests for that');
    // Rows on their way to the ledger count, so many requests at once cannot overfill the queue.
    const counting = inList([...ACTIVE, 'holding']);
    if (this.count(`status in ${counting}`) >= settings.maxQueue) return reject('QUEUE_FULL', 'The queue is full');
    if (this.count(`status in ${counting} and user_id = ?`, who.userId) >= settings.maxPerViewer)
      return reject('QUEUE_FULL', `You can have ${settings.maxPerViewer} requests in the queue at once`);
    const now = this.room.now();
    const id = crypto.randomUUID();
    this.room.sql.exec(
      `insert into song_requests (id, user_id, client_id, handle, display_name, anonymous, title, artist, note,
         price, tokens, status, rank, at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'holding', ?, ?)`,
      id,
      who.userId,
      m.clientId,
      who.handle,
      who.displayName,
      m.anonymous ? 1 : 0,
      title,
      artist,
      note,
      settings.price,
      this.nextRank(),
      now,
    );
    return this.parts.holds.payFirst(this.row('id = ?', id)!, m.clientId);
  }

  /** The requester adds tokens to their own waiting request. */
  async bump(who: Identity, m: Message<'request.bump'>): Promise<Answer> {
    const reject = rejecter(m.clientId, 'request.bump');
    if (!who.userId) return reject('SIGN_IN_REQUIRED', 'Sign in to bump a request');
    const row = this.row('id = ? and user_id = ?', m.requestId, who.userId);
    if (!row || row.status === 'holding' || row.status === 'refused')
      return reject('NOT_FOUND', 'You have no such request in this room');
    return this.parts.holds.payBump(row, m.clientId, m.amount, this.parts.settings.current());
  }

  /** The requester takes back their own request while it waits: refunded. */
  withdraw(who: Identity, m: Message<'request.withdraw'>): Answer {
    const reject = rejecter(m.clientId, 'request.withdraw');
    if (!who.userId) return reject('SIGN_IN_REQUIRED', 'Sign in to withdraw a request');
    const row = this.row('id = ? and user_id = ?', m.requestId, who.userId);
    if (!row || row.status === 'holding' || row.status === 'refused')
      return reject('NOT_FOUND', 'You have no such request in this room');
    if (row.status === 'withdrawn') return done(m.clientId, songRequestOf(row));
    if (!WAITING.includes(row.status)) return reject('ALREADY_DECIDED', alreadyWords(row.status));
    return done(m.clientId, this.finish(row, 'withdrawn', null));
  }

  /** The performer's decisions on one request. */
  manage(who: Identity, m: Message<'request.manage'>): Answer {
    const reject = rejecter(m.clientId, 'request.manage');
    if (who.role !== 'performer') return reject('FORBIDDEN', 'Only the performer manages requests');
    const row = this.row(`id = ? and status not in ('holding', 'refused')`, m.requestId);
    if (!row) return reject('NOT_FOUND', 'No such request in this room');
    const now = this.room.now();
    const answer = (r: RequestRow) => done(m.clientId, songRequestOf(r));
    switch (m.action) {
      case 'accept':
        if (row.status === 'queued' || row.status === 'playing') return answer(row);
        if (row.status !== 'pending') return reject('ALREADY_DECIDED', alreadyWords(row.status));
        return answer(this.move(row, { status: 'queued' }));
      case 'reject':
        if (row.status === 'rejected') return answer(row);
        if (!ACTIVE.includes(row.status)) return reject('ALREADY_DECIDED', alreadyWords(row.status));
        return done(m.clientId, this.finish(row, 'rejected', m.reason || null));
      case 'playing': {
        if (row.status === 'playing') return answer(row);
        if (!WAITING.includes(row.status)) return reject('ALREADY_DECIDED', alreadyWords(row.status));
        // One song plays at a time: the one before it has finished.
        for (const before of this.rows("status = 'playing'")) this.markPlayed(before, now, false);
        return answer(this.move(row, { status: 'playing' }));
      }
      case 'played':
        if (row.status === 'played') return answer(row);
        if (!ACTIVE.includes(row.status)) return reject('ALREADY_DECIDED', alreadyWords(row.status));
        return answer(this.markPlayed(row, now));
      case 'undo': {
        if (row.status !== 'played' || row.played_at === null || row.undo_status === null)
          return reject('ALREADY_DECIDED', 'Only a request just marked played can be undone');
        if (now >= row.played_at + REQUEST_UNDO_MS || row.settle_at === null)
          return reject('ALREADY_DECIDED', 'Too late to undo: the tokens went to your earnings');
        return answer(this.move(row, { status: row.undo_status, played_at: null, undo_status: null, settle_at: null }));
      }
      default:
        return assertNeverAction(m.action);
    }
  }

  /** The performer puts the waiting requests in this order. */
  reorder(who: Identity, m: Message<'request.reorder'>): Answer {
    if (who.role !== 'performer')
      return rejecter(m.clientId, 'request.reorder')('FORBIDDEN', 'Only the performer reorders requests');
    const listed = new Set(m.ids);
    const rest = this.rows(`status in ${inList(WAITING)} order by rank, at`).filter((r) => !listed.has(r.id));
    [...m.ids, ...rest.map((r) => r.id)].forEach((id, rank) => {
      this.room.sql.exec(`update song_requests set rank = ? where id = ? and status in ${inList(WAITING)}`, rank, id);
    });
    this.publish();
    return done(m.clientId, null);
  }

  /** The performer opens or closes requests, live. */
  setOpen(who: Identity, m: Message<'request.open'>): Answer {
    if (who.role !== 'performer')
      return rejecter(m.clientId, 'request.open')('FORBIDDEN', 'Only the performer opens requests');
    this.parts.settings.replace({ ...this.parts.settings.current(), open: m.open });
    this.publish();
    return done(m.clientId, null);
  }

  /**
   * The track listener (track-listener.ts): a new track that is a request still in the queue marks it played
   * (the one playing first, else the first in play order). Its hold is released once the undo minute passes.
   */
  readonly trackStarted: TrackListener = async (track, play) => {
    const seen = this.row('play_id = ?', play.id);
    if (seen) return matchOf(seen);
    const match = this.rows(`status in ${inList(ACTIVE)} order by status <> 'playing', rank, at`).find((row) =>
      sameSong(track, row),
    );
    if (!match) return null;
    const now = this.room.now();
    for (const before of this.rows("status = 'playing' and id <> ?", match.id)) this.markPlayed(before, now, false);
    this.room.sql.exec('update song_requests set play_id = ? where id = ?', play.id, match.id);
    return matchOf(this.markPlayed(match, now));
  };

  /**
   * The show ended: waiting requests are refunded; the one playing counts as played. Rows still on their way
   * to the ledger are left to the holds' sweep (their payment may yet land).
   */
  showEnded(): void {
    const now = this.room.now();
    for (const row of this.rows("status = 'playing'")) this.markPlayed(row, now, false);
    for (const row of this.rows(`status in ${inList(WAITING)}`)) this.finish(row, 'ended', null, false);
    this.publish();
  }

  /**
   * The alarm job: waiting requests past the expiry are refunded, then every hold owed a settlement is settled.
   */
  async due(): Promise<void> {
    const now = this.room.now();
    const expiry = this.parts.settings.current().expiryMinutes * 60_000;
    const expired = this.rows(`status in ${inList(WAITING)} and at + ? <= ?`, expiry, now);
    for (const row of expired) this.finish(row, 'expired', null, false);
    if (expired.length > 0) this.publish();
    const changed = await this.parts.holds.settleDue(now);
    if (changed) this.publish();
    const next = this.room.sql
      .exec<{ at: number | null }>(
        `select min(at) as at from (
           select at + ? as at from song_requests where status in ${inList(WAITING)}
           union all select settle_at as at from song_requests where settle_at is not null
           union all select at + ? as at from song_requests where status = 'holding')`,
        expiry,
        this.parts.holds.holdingGraceMs,
      )
      .one().at;
    if (next !== null) await this.room.alarms.schedule('requests', Math.max(next, now));
  }

  /** A request finished with a refund: its hold is settled now (the alarm job). */
  private finish(row: RequestRow, status: RowStatus, reason: string | null, publish = true): SongRequest {
    const now = this.room.now();
    this.room.sql.exec(
      'update song_requests set status = ?, reason = ?, settle_at = ?, played_at = null, undo_status = null ' +
        'where id = ?',
      status,
      reason,
      now,
      row.id,
    );
    this.parts.holds.settleSoon(now);
    if (publish) this.publish();
    return songRequestOf(this.row('id = ?', row.id)!);
  }

  /** Played: the hold is released once the undo minute has passed. */
  private markPlayed(row: RequestRow, now: number, publish = true): RequestRow {
    const settleAt = now + REQUEST_UNDO_MS;
    this.room.sql.exec(
      "update song_requests set status = 'played', played_at = ?, undo_status = ?, settle_at = ? where id = ?",
      now,
      row.status,
      settleAt,
      row.id,
    );
    this.parts.holds.settleSoon(settleAt);
    const moved = this.row('id = ?', row.id)!;
    if (publish) this.publish();
    return moved;
  }

  private move(row: RequestRow, change: Partial<RequestRow>): RequestRow {
    const columns = Object.keys(change);
    this.room.sql.exec(
      `update song_requests set ${columns.map((c) => `${c} = ?`).join(', ')} where id = ?`,
      ...columns.map((c) => change[c as keyof RequestRow] ?? null),
      row.id,
    );
    this.publish();
    return this.row('id = ?', row.id)!;
  }

  /** Ranks follow the rule: first come keeps arrival order (and the performer's moves); most tokens re-sorts. */
  rerank(settings = this.parts.settings.current()): void {
    if (settings.order !== 'most_tokens') return;
    this.rows(`status in ${inList(WAITING)} order by tokens desc, at`).forEach((row, rank) => {
      this.room.sql.exec('update song_requests set rank = ? where id = ?', rank, row.id);
    });
  }

  private nextRank(): number {
    return (
      this.room.sql.exec<{ rank: number | null }>('select max(rank) + 1 as rank from song_requests').one().rank ?? 0
    );
  }

  row(where: string, ...bindings: SqlStorageValue[]): RequestRow | undefined {
    return this.rows(where, ...bindings)[0];
  }

  private rows(where: string, ...bindings: SqlStorageValue[]): RequestRow[] {
    return this.room.sql.exec<RequestRow>(`select * from song_requests where ${where}`, ...bindings).toArray();
  }

  private count(where: string, ...bindings: SqlStorageValue[]): number {
    return this.room.sql
      .exec<{ n: number }>(`select count(*) as n from song_requests where ${where}`, ...bindings)
      .one().n;
  }
}

function matchOf(row: RequestRow): TrackMatch {
  return { requestId: row.id, requester: row.anonymous ? null : row.display_name };
}

function alreadyWords(status: RowStatus): string {
  if (status === 'played') return 'This request was already played';
  if (status === 'playing') return 'This request is playing now';
  return REFUNDED.includes(status)
    ? `This request was already ${status} and refunded`
    : 'This request already moved on';
}

function assertNeverAction(action: never): never {
  throw new Error(`unexpected request action ${String(action)}`);
}
