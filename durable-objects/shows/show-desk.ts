import type { ClientMessage, RejectReason, ServerMessage } from '../../wire/room.ts';
import {
  type RoomShows,
  rateOf,
  SESSION_KINDS,
  SHOW_REQUEST_TIMEOUT_MS,
  type ShowMediaAccess,
  type ShowMessageType,
  ShowOffer,
  type ShowSettings,
} from '../../wire/shows.ts';
import { isApprovedPerformer } from '../../workers/kyc/gate.ts';
import { log } from '../../workers/log.ts';
import { Account } from '../../workers/money/accounts.ts';
import { balanceOf } from '../../workers/money/ledger.ts';
import { walletFreezeOf } from '../../workers/safety/suspension.ts';
import { offerOf, readShowSettings } from '../../workers/shows/show-settings.ts';
import type { RoomContext } from '../room-context.ts';
import type { Identity } from '../transport/identity.ts';
import { endSeatForBan, endSeatsInPlaces } from './seat-bans.ts';
import { SeatPresence } from './seat-presence.ts';
import { ShowCam } from './show-cam.ts';
import { recordRunningShow } from './show-opening.ts';
import { placeRefusal } from './show-place.ts';
import {
  activeSeats,
  BILLED,
  CLOSES_ROOM,
  currentShow,
  publicView,
  requestView,
  type SeatRow,
  type ShowRow,
  seatOf,
  seatView,
  showOf,
  waitingRequests,
} from './show-rows.ts';
import { type ShowHooks, ShowStage } from './show-stage.ts';

export type ShowMessage = Extract<ClientMessage, { type: ShowMessageType }>;
type Of<T extends ShowMessageType> = Extract<ShowMessage, { type: T }>;
type Refusal = { reason: RejectReason; message: string; balance?: number };

export type ShowDeskHooks = ShowHooks & {
  /** Whether the public room is live (private and group shows need it; sessions need it off). */
  live: () => boolean;
  /** A ban or mute in this room, in the chat's words. */
  standing: (userId: string) => Refusal | undefined;
  /** The billing minute for shows asked for now (60 s; shorter only on the local stack). */
  minuteMs: () => number;
  /** Whether the performer's camera is on air (with no socket open they are still with the show). */
  cameraOn: () => boolean;
  /** The directory's thumbnail, taken in public, goes (a private or group show started). */
  dropThumbnail: () => Promise<void>;
};

/**
 * The Room's paid shows: every show write comes through here, is checked against the room and the
 * performer's settings (read from D1 at each request), and moves the state machine (show-stage.ts):
 * idle -> requested (60 s) -> running -> ended, or announced -> running for a group show.
 */
export class ShowDesk {
  private readonly room: RoomContext;
  private readonly hooks: ShowDeskHooks;
  readonly stage: ShowStage;
  /** Cam-to-cam media: the viewer's camera and the performer's pulls of it. */
  readonly cams: ShowCam;
  readonly presence: SeatPresence;

  constructor(room: RoomContext, hooks: ShowDeskHooks) {
    this.room = room;
    this.hooks = hooks;
    this.cams = new ShowCam(room);
    this.stage = new ShowStage(room, { ...hooks, seatEnded: (seat) => this.cams.forget(seat) });
    this.presence = new SeatPresence(room, this.stage, hooks.cameraOn);
  }

  async take(who: Identity, message: ShowMessage): Promise<ServerMessage> {
    const answer = await this.route(who, message);
    if ('reason' in answer)
      return {
        type: 'rejected',
        clientId: message.clientId,
        of: message.type,
        reason: answer.reason,
        message: answer.message,
        ...(answer.balance === undefined ? {} : { balance: answer.balance }),
      };
    return {
      type: 'show.result',
      clientId: message.clientId,
      status: 'accepted',
      shows: this.view(who.userId),
      ...(answer.balance === undefined ? {} : { balance: answer.balance }),
    };
  }

  private async route(who: Identity, m: ShowMessage): Promise<Refusal | { balance?: number }> {
    if (!who.userId) return no('SIGN_IN_REQUIRED', 'Log in to take part in paid shows');
    const userId = who.userId;
    switch (m.type) {
      case 'show.request':
        return this.request(who, userId, m);
      case 'show.accept':
        return this.accept(userId, m);
      case 'show.decline':
        return this.decline(userId, m);
      case 'show.end':
        return this.end(userId, m);
      case 'show.spy':
        return this.seat(who, userId, m.showId, 'spy');
      case 'group.join':
        return this.seat(who, userId, m.showId, 'participant', m.anonymous);
      case 'show.leave':
        return this.leave(userId, m);
      case 'show.cam':
        return this.cam(userId, m);
      case 'show.chat':
        return this.chat(who, userId, m);
      case 'group.announce':
        return this.announce(userId, m);
      case 'group.reserve':
        return this.reserve(who, userId, m);
      case 'group.start':
        return this.startGroup(userId, m);
    }
  }

  private isPerformer(userId: string): boolean {
    return this.room.owner()?.performerId === userId;
  }

  private async request(who: Identity, userId: string, m: Of<'show.request'>): Promise<Refusal | { balance?: number }> {
    const { sql } = this.room;
    const resent = sql
      .exec<ShowRow>('select * from shows where viewer_id = ? and client_id = ?', userId, m.clientId)
      .toArray()[0];
    if (resent) return {};
    if (this.isPerformer(userId) || who.role === 'performer') return no('FORBIDDEN', 'Performers do not request shows');
    const owner = this.room.owner();
    if (!owner) return no('ROOM_OFFLINE', 'This room has not opened yet');
    const standing = this.hooks.standing(userId);
    if (standing) return standing;
    const busy = this.busyFor(userId);
    if (busy) return busy;
    let settings: ShowSettings;
    let checks: [unknown, boolean, number, Refusal | undefined];
    try {
      settings = await readShowSettings(this.room.db, owner.performerId);
      checks = await Promise.all([
        walletFreezeOf(this.room.db, userId),
        isApprovedPerformer(this.room.db, owner.performerId),
        balanceOf(this.room.db, Account.wallet(userId)),
        placeRefusal(this.room.db, owner.performerId, who),
      ]);
    } catch (error) {
      log('error', 'room.show.request_failed', { error: String(error) });
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    this.saveOffer(settings);
    const [frozen, approved, balance, blocked] = checks;
    if (blocked) return blocked;
    const live = this.hooks.live();
    if (m.kind === 'private') {
      if (!live) return no('ROOM_OFFLINE', 'Private shows start from a live room');
      if (!settings.privateOn) return no('SHOWS_OFF', 'This performer is not taking private shows now');
    } else {
      if (live) return no('SHOWS_OFF', 'Sessions are for when the performer is not live; ask for a private show');
      if (!settings.sessionsAvailable) return no('SHOWS_OFF', 'This performer is not available for sessions now');
    }
    const camAllowed = settings.camToCam && m.kind !== 'session-voice' && m.kind !== 'session-chat';
    if (m.camToCam && !camAllowed) return no('SHOWS_OFF', 'Cam-to-cam is not offered');
    if (!approved) return no('NOT_VERIFIED', 'This performer cannot take paid shows right now');
    if (frozen) return no('WALLET_FROZEN', 'Your wallet is frozen');
    const rate = rateOf(settings, m.kind);
    const first = rate * Math.max(1, settings.minimumMinutes);
    if (balance < first)
      return { reason: 'INSUFFICIENT_FUNDS', message: `The first minutes cost ${first} tokens`, balance };
    // After the awaits: another write may have taken the room meanwhile.
    const late = this.busyFor(userId);
    if (late) return late;
    const now = this.room.now();
    const id = crypto.randomUUID();
    sql.exec(
      `insert into shows (id, kind, phase, performer_id, viewer_id, client_id, anonymous, cam_asked, rate, spy_rate,
         cam_rate, cam_allowed, minimum_minutes, title, public_chat, minute_ms, requested_at, expires_at)
       values (?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
      id,
      m.kind,
      owner.performerId,
      userId,
      m.clientId,
      m.anonymous ? 1 : 0,
      m.camToCam ? 1 : 0,
      rate,
      m.kind === 'private' ? settings.spyRate : 0,
      camAllowed ? settings.camToCamRate : 0,
      camAllowed ? 1 : 0,
      settings.minimumMinutes,
      settings.publicChatDuringPrivate,
      this.hooks.minuteMs(),
      now,
      now + SHOW_REQUEST_TIMEOUT_MS,
    );
    this.addSeat(id, who, userId, 'viewer', rate, m.anonymous, null);
    const row = showOf(sql, id)!;
    this.stage.tell(owner.performerId, { kind: 'requested', request: this.requestFor(row) });
    await this.stage.scheduleNext();
    return { balance };
  }

  private async accept(userId: string, m: Of<'show.accept'>): Promise<Refusal | { balance?: number }> {
    if (!this.isPerformer(userId)) return no('FORBIDDEN', 'Only the performer answers requests');
    const found = this.requested(m.showId);
    if ('reason' in found) return found;
    let approved: boolean;
    try {
      approved = await isApprovedPerformer(this.room.db, userId);
    } catch {
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    if (!approved) return no('NOT_VERIFIED', 'Your identity approval is not in force');
    // After the await: a second accept (or a timeout) may have decided it meanwhile.
    const show = this.requested(m.showId);
    if ('reason' in show) return show;
    if (currentShow(this.room.sql)) return no('SHOW_BUSY', 'Another show is running');
    if (show.kind === 'private' && !this.hooks.live()) return no('ROOM_OFFLINE', 'Go live to take a private show');
    for (const other of waitingRequests(this.room.sql))
      if (other.id !== show.id) this.stage.decline(other, 'another-accepted');
    await this.stage.start(show);
    await this.started(show.id);
    return {};
  }

  private async decline(userId: string, m: Of<'show.decline'>): Promise<Refusal | { balance?: number }> {
    if (!this.isPerformer(userId)) return no('FORBIDDEN', 'Only the performer answers requests');
    const show = this.requested(m.showId);
    if ('reason' in show) return show;
    this.stage.decline(show, 'declined');
    return {};
  }

  private async end(userId: string, m: Of<'show.end'>): Promise<Refusal | { balance?: number }> {
    // The show ends when it was asked to, however long the charges caught up below take.
    const at = this.room.now();
    const asked = showOf(this.room.sql, m.showId);
    if (asked?.phase === 'running' && (this.isPerformer(userId) || seatOf(this.room.sql, asked.id, userId)))
      await this.stage.catchUp(asked, at);
    // After the await: the show may have ended meanwhile (a wallet that could not pay a minute caught up).
    const show = showOf(this.room.sql, m.showId);
    if (!show) return no('NOT_FOUND', 'No such show');
    if (asked?.phase === 'running' && show.phase === 'ended') return {};
    if (show.phase === 'ended' || show.phase === 'declined') return no('ALREADY_DECIDED', 'That show already ended');
    const performer = this.isPerformer(userId);
    if (show.phase === 'requested') {
      if (show.viewer_id === userId) this.stage.decline(show, 'withdrawn');
      else if (performer) this.stage.decline(show, 'declined');
      else return no('FORBIDDEN', 'That is not your show');
      return {};
    }
    if (performer) {
      this.stage.endShow(show, 'performer', at);
      return {};
    }
    const seat = seatOf(this.room.sql, show.id, userId);
    if (!seat || seat.ended_at !== null) return no('FORBIDDEN', 'That is not your show');
    if (seat.role === 'viewer') this.stage.endShow(show, 'viewer', at);
    else if (seat.role === 'reserved')
      this.room.sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, userId);
    else this.stage.endSeat(show, seat, 'viewer', true, at);
    if (seat.role === 'reserved') this.stage.publish();
    return {};
  }

  /** A spy, or a participant joining a running group show: billed from now at the show's rate for them. */
  private async seat(
    who: Identity,
    userId: string,
    showId: string,
    role: 'spy' | 'participant',
    anonymous?: boolean,
  ): Promise<Refusal | { balance?: number }> {
    const { sql } = this.room;
    const show = showOf(sql, showId);
    if (!show || (show.phase !== 'running' && show.phase !== 'announced'))
      return no('NOT_FOUND', 'No such show running');
    if (this.isPerformer(userId)) return no('FORBIDDEN', 'It is your own show');
    if (role === 'spy') {
      if (show.kind !== 'private' || show.phase !== 'running') return no('NOT_FOUND', 'No private show to watch');
      if (show.spy_rate === 0) return no('SPY_OFF', 'Spying is off for this show');
    } else if (show.kind !== 'group' || show.phase !== 'running') return no('NOT_FOUND', 'No group show running');
    const mine = seatOf(sql, show.id, userId);
    if (mine && mine.ended_at === null)
      return mine.role === role ? {} : no('SHOW_BUSY', 'You are in this show already');
    const standing = this.hooks.standing(userId);
    if (standing) return standing;
    try {
      const [frozen, blocked] = await Promise.all([
        walletFreezeOf(this.room.db, userId),
        placeRefusal(this.room.db, show.performer_id, who),
      ]);
      if (blocked) return blocked;
      if (frozen) return no('WALLET_FROZEN', 'Your wallet is frozen');
    } catch {
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    const now = showOf(sql, showId);
    if (now?.phase !== 'running') return no('NOT_FOUND', 'The show ended');
    if (seatOf(sql, show.id, userId))
      sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, userId);
    const rate = role === 'spy' ? show.spy_rate : show.rate;
    const joined = this.room.now();
    this.addSeat(show.id, who, userId, role, rate, anonymous, joined);
    const seat = seatOf(sql, show.id, userId)!;
    if (!(await this.stage.seatIn(now, seat)))
      return {
        reason: 'INSUFFICIENT_FUNDS',
        message: `A minute costs ${rate} tokens`,
        balance: await this.balance(userId),
      };
    const paid = seatOf(sql, show.id, userId);
    if (paid) {
      this.stage.tell(show.performer_id, { kind: 'seat', showId: show.id, seat: seatView(paid, true), joined: true });
      this.stage.tell(userId, { kind: 'started', show: publicView(sql, now), seat: seatView(paid, false) });
    }
    this.stage.publish();
    await this.stage.scheduleNext();
    await recordRunningShow(this.room, show.id);
    return {};
  }

  private async leave(userId: string, m: Of<'show.leave'>): Promise<Refusal | { balance?: number }> {
    const at = this.room.now();
    const asked = showOf(this.room.sql, m.showId);
    if (asked?.phase === 'running') await this.stage.catchUp(asked, at, userId);
    const show = showOf(this.room.sql, m.showId);
    const seat = show ? seatOf(this.room.sql, show.id, userId) : undefined;
    if (!show || !seat || seat.ended_at !== null) return no('NOT_FOUND', 'You are not in that show');
    if (seat.role === 'viewer') return no('FORBIDDEN', 'End the show instead');
    if (seat.role === 'reserved') {
      this.room.sql.exec('delete from show_seats where show_id = ? and user_id = ?', show.id, userId);
      this.stage.publish();
    } else this.stage.endSeat(show, seat, 'viewer', true, at);
    return {};
  }

  private async cam(userId: string, m: Of<'show.cam'>): Promise<Refusal | { balance?: number }> {
    const show = showOf(this.room.sql, m.showId);
    const seat = show ? seatOf(this.room.sql, show.id, userId) : undefined;
    if (show?.phase !== 'running') return no('NOT_FOUND', 'No such show running');
    if (seat?.role !== 'viewer' || seat.ended_at !== null) return no('FORBIDDEN', 'That is not your show');
    if (!show.cam_allowed) return no('SHOWS_OFF', 'Cam-to-cam is not offered');
    this.room.sql.exec(
      'update show_seats set cam_on = ? where show_id = ? and user_id = ?',
      m.on ? 1 : 0,
      show.id,
      userId,
    );
    this.stage.tell(show.performer_id, { kind: 'cam', showId: show.id, on: m.on, who: seatView(seat, true).who });
    this.cams.switched(show, userId, m.on);
    return {};
  }

  private async chat(who: Identity, userId: string, m: Of<'show.chat'>): Promise<Refusal | { balance?: number }> {
    const { sql } = this.room;
    const show = showOf(sql, m.showId);
    if (show?.phase !== 'running') return no('NOT_FOUND', 'No such show running');
    const performer = this.isPerformer(userId);
    const seat = seatOf(sql, show.id, userId);
    const writer = seat && seat.ended_at === null && (seat.role === 'viewer' || seat.role === 'participant');
    if (!performer && !writer) return no('FORBIDDEN', 'Only the show’s own people write here');
    if (!performer) {
      const standing = this.hooks.standing(userId);
      if (standing) return standing;
    }
    const from = performer ? { handle: who.handle, displayName: who.displayName } : seatView(seat!, true).who;
    const message = { id: crypto.randomUUID(), from, performer, text: m.text, at: this.room.now() };
    const event = { kind: 'chat' as const, showId: show.id, message };
    // A private show's chat is the two sides'; a group show's is read by the whole room.
    if (show.kind === 'group')
      this.room.sockets.open().forEach((ws) => {
        try {
          ws.send(JSON.stringify({ type: 'show.event', event }));
        } catch {
          // Gone.
        }
      });
    else {
      this.stage.tell(show.performer_id, event);
      for (const s of activeSeats(sql, show.id)) if (s.role === 'viewer') this.stage.tell(s.user_id, event);
    }
    return {};
  }

  private async announce(userId: string, m: Of<'group.announce'>): Promise<Refusal | { balance?: number }> {
    if (!this.isPerformer(userId)) return no('FORBIDDEN', 'Only the performer announces a group show');
    if (!this.hooks.live()) return no('ROOM_OFFLINE', 'Go live to announce a group show');
    if (currentShow(this.room.sql)) return no('SHOW_BUSY', 'Another show is running');
    let settings: ShowSettings;
    try {
      settings = await readShowSettings(this.room.db, userId);
    } catch {
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    if (currentShow(this.room.sql)) return no('SHOW_BUSY', 'Another show is running');
    const now = this.room.now();
    this.room.sql.exec(
      `insert into shows (id, kind, phase, performer_id, rate, spy_rate, cam_rate, cam_allowed, minimum_minutes,
         group_minimum, title, public_chat, minute_ms, requested_at)
       values (?, 'group', 'announced', ?, ?, 0, 0, 0, 0, ?, ?, 'open', ?, ?)`,
      crypto.randomUUID(),
      userId,
      m.rate ?? settings.groupRate,
      m.minimum ?? settings.groupMinimum,
      m.title,
      this.hooks.minuteMs(),
      now,
    );
    this.stage.publish();
    return {};
  }

  private async reserve(
    who: Identity,
    userId: string,
    m: Of<'group.reserve'>,
  ): Promise<Refusal | { balance?: number }> {
    const show = showOf(this.room.sql, m.showId);
    if (show?.kind !== 'group' || show.phase !== 'announced') return no('NOT_FOUND', 'No group show announced');
    if (this.isPerformer(userId)) return no('FORBIDDEN', 'It is your own show');
    const standing = this.hooks.standing(userId);
    if (standing) return standing;
    try {
      const blocked = await placeRefusal(this.room.db, show.performer_id, who);
      if (blocked) return blocked;
    } catch {
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    // After the await: the group show may have started meanwhile.
    if (showOf(this.room.sql, show.id)?.phase !== 'announced') return no('NOT_FOUND', 'No group show announced');
    if (seatOf(this.room.sql, show.id, userId)) return {};
    this.addSeat(show.id, who, userId, 'reserved', show.rate, m.anonymous, null);
    this.stage.publish();
    return {};
  }

  private async startGroup(userId: string, m: Of<'group.start'>): Promise<Refusal | { balance?: number }> {
    if (!this.isPerformer(userId)) return no('FORBIDDEN', 'Only the performer starts the group show');
    const show = showOf(this.room.sql, m.showId);
    if (show?.kind !== 'group') return no('NOT_FOUND', 'No such group show');
    if (show.phase !== 'announced') return no('ALREADY_DECIDED', 'That group show already started or ended');
    const reserved = activeSeats(this.room.sql, show.id).length;
    if (reserved < show.group_minimum)
      return no('BELOW_MINIMUM_SEATS', `${reserved} of ${show.group_minimum} seats are reserved`);
    try {
      if (!(await isApprovedPerformer(this.room.db, userId)))
        return no('NOT_VERIFIED', 'Your identity approval is not in force');
    } catch {
      return no('TRY_AGAIN', 'That could not be checked; send it again');
    }
    const again = showOf(this.room.sql, m.showId);
    if (again?.phase !== 'announced') return no('ALREADY_DECIDED', 'That group show already started or ended');
    await this.stage.start(again);
    await this.started(again.id);
    return {};
  }

  /** The public room closed (the performer went offline): its private and group shows end, requests go. */
  async roomClosed(): Promise<void> {
    const { sql } = this.room;
    for (const show of waitingRequests(sql)) if (show.kind === 'private') this.stage.decline(show, 'declined');
    const show = currentShow(sql);
    if (!show || !CLOSES_ROOM.includes(show.kind)) return;
    const at = this.presence.performerAwaySince() ?? this.room.now();
    // Minutes started before the end that the alarm has not charged yet are charged first (as on End).
    if (show.phase === 'running') await this.stage.catchUp(show, at);
    const still = showOf(sql, show.id);
    if (still) this.stage.endShow(still, 'offline', at);
  }

  /** After a show started: its D1 record (show-opening.ts) and, for a private or group show, no thumbnail. */
  private async started(showId: string): Promise<void> {
    const show = showOf(this.room.sql, showId);
    await Promise.all([
      recordRunningShow(this.room, showId),
      show?.phase === 'running' && CLOSES_ROOM.includes(show.kind)
        ? this.hooks.dropThumbnail().catch((error: unknown) => {
            log('error', 'room.show.thumbnail_not_dropped', { error: String(error) });
          })
        : null,
    ]);
  }

  /** The performer blocked places: seats held from them end ('moderation'; seat-bans.ts). */
  placesBlocked(blocked: string[]): void {
    endSeatsInPlaces(this.room, this.stage, blocked);
  }

  /** A user was banned from the room: their seat, reservation or request ends now (seat-bans.ts). */
  banned(userId: string, reason: 'banned' | 'moderation' = 'banned'): void {
    endSeatForBan(this.room, this.stage, userId, reason);
  }

  /** The 'shows' alarm job: who is away past the grace first (seat-presence.ts), then the clock. */
  async due(): Promise<void> {
    await this.presence.check();
    await this.stage.due();
  }

  offerChanged(settings: ShowSettings): void {
    this.saveOffer(settings);
  }

  /** Who may pull the performer's tracks: everyone, unless a private or group show runs without them. */
  mediaAccess(userId: string | null): ShowMediaAccess {
    const show = currentShow(this.room.sql);
    if (show?.phase !== 'running') return 'public';
    const seat = userId ? seatOf(this.room.sql, show.id, userId) : undefined;
    if (seat && seat.ended_at === null && BILLED.includes(seat.role)) return 'seat';
    if (userId && this.isPerformer(userId)) return 'seat';
    return CLOSES_ROOM.includes(show.kind) || SESSION_KINDS.includes(show.kind) ? 'closed' : 'public';
  }

  /** Whether a one-to-one session runs (the performer may publish while not live). */
  sessionRunning(): boolean {
    const show = currentShow(this.room.sql);
    return show?.phase === 'running' && SESSION_KINDS.includes(show.kind);
  }

  view(userId: string | null): RoomShows {
    const { sql } = this.room;
    const show = currentShow(sql);
    const performer = userId !== null && this.isPerformer(userId);
    const mine = show && userId ? seatOf(sql, show.id, userId) : undefined;
    const myRequest = userId
      ? sql.exec<ShowRow>("select * from shows where phase = 'requested' and viewer_id = ?", userId).toArray()[0]
      : undefined;
    return {
      offer: this.offer(),
      current: show ? publicView(sql, show) : null,
      mine: mine && mine.ended_at === null ? seatView(mine, false) : null,
      myRequest: myRequest ? this.requestFor(myRequest) : null,
      requests: performer ? waitingRequests(sql).map((r) => this.requestFor(r)) : [],
      seats: performer && show ? activeSeats(sql, show.id).map((s) => seatView(s, true)) : [],
      minuteMs: this.hooks.minuteMs(),
    };
  }

  private requestFor(row: ShowRow) {
    const seat = row.viewer_id ? seatOf(this.room.sql, row.id, row.viewer_id) : undefined;
    return { ...requestView(row), viewer: seat ? seatView(seat, true).who : null };
  }

  /** A request of yours waiting, or a seat of yours in the running show: one show at a time. */
  private busyFor(userId: string): Refusal | undefined {
    const { sql } = this.room;
    if (sql.exec("select 1 from shows where phase = 'requested' and viewer_id = ?", userId).toArray().length > 0)
      return no('SHOW_BUSY', 'You already asked; wait for the answer');
    const show = currentShow(sql);
    if (show) return no('SHOW_BUSY', show.kind === 'group' ? 'A group show is on' : 'A show is running');
    return undefined;
  }

  private requested(showId: string): ShowRow | Refusal {
    const show = showOf(this.room.sql, showId);
    if (!show) return no('NOT_FOUND', 'No such request');
    if (show.phase !== 'requested') return no('ALREADY_DECIDED', 'That request was already answered');
    if ((show.expires_at ?? 0) <= this.room.now()) {
      this.stage.decline(show, 'timeout');
      return no('ALREADY_DECIDED', 'That request timed out');
    }
    return show;
  }

  private addSeat(
    showId: string,
    who: Identity,
    userId: string,
    role: SeatRow['role'],
    rate: number,
    anonymous: boolean | undefined,
    joined: number | null,
  ): void {
    this.room.sql.exec(
      `insert into show_seats (show_id, user_id, role, handle, display_name, anonymous, rate, joined_at, next_due)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      showId,
      userId,
      role,
      who.handle,
      who.displayName,
      anonymous ? 1 : 0,
      rate,
      joined,
      joined,
    );
  }

  private saveOffer(settings: ShowSettings): void {
    this.room.sql.exec(
      "insert into meta (key, value) values ('shows.offer', ?) on conflict (key) do update set value = excluded.value",
      JSON.stringify(offerOf(settings)),
    );
  }

  private offer() {
    const row = this.room.sql.exec<{ value: string }>("select value from meta where key = 'shows.offer'").toArray()[0];
    const parsed = row ? ShowOffer.safeParse(JSON.parse(row.value)) : undefined;
    return parsed?.success ? parsed.data : null;
  }

  private balance(userId: string): Promise<number> {
    return balanceOf(this.room.db, Account.wallet(userId)).catch(() => 0);
  }
}

function no(reason: RejectReason, message: string): Refusal {
  return { reason, message };
}
