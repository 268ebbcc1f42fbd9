import { DurableObject } from 'cloudflare:workers';
import type { DeviceSettings } from '../wire/devices.ts';
import type { Goal } from '../wire/goals.ts';
import type { LiveState } from '../wire/live.ts';
import { type ChatModes, ModerationAction, type ModerationPanel, type ViewerList } from '../wire/moderation.ts';
import type { RequestQueue as RequestQueueView, RequestSettings } from '../wire/music.ts';
import {
  type NowPlaying,
  type NowPlayingResponse,
  type TrackInput,
  TrackInput as TrackShape,
  type TrackSource,
} from '../wire/music.ts';
import {
  assertNever,
  type ChatMessage,
  type ClientMessage,
  CloseCode,
  type FrameError,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '../wire/room.ts';
import { accepted, type RoomResult, refused, refusedFor } from '../wire/room-result.ts';
import type { ShowInProgress } from '../wire/show-availability.ts';
import type { ShowMediaAccess, ShowSettings } from '../wire/shows.ts';
import { withoutBidiControls } from '../wire/text.ts';
import type { MenuItemInput, TipMenu } from '../wire/tip-menu.ts';
import { isApprovedPerformer, NOT_VERIFIED_MESSAGE } from '../workers/kyc/gate.ts';
import { log } from '../workers/log.ts';
import { clearThumbnail } from '../workers/rooms/thumbnails.ts';
import { showMinuteMs } from '../workers/shows/show-minute.ts';
import { Alarms } from './alarms.ts';
import { DeviceQueue } from './devices/device-queue.ts';
import { FanClubRoster } from './fan-club/fan-club-roster.ts';
import { fanClubLookup } from './fan-club/membership-lookup.ts';
import { Goals, type NewGoal } from './goals/goals.ts';
import { type BenchOrder, benchTips, drained, LocalSwitches, localStackOnly } from './local-only.ts';
import type { Publisher } from './media/media-tracks.ts';
import type { MediaViewer } from './media/media-viewers.ts';
import { RoomMedia } from './media/room-media.ts';
import { ChatDesk } from './moderation/chat-desk.ts';
import { ChatHistory } from './moderation/chat-history.ts';
import { ChatModeRules } from './moderation/chat-mode-rules.ts';
import { ReportDesk } from './moderation/report-desk.ts';
import { type ModerationOutcome, RoomModeration } from './moderation/room-moderation.ts';
import { NowPlayingBoard } from './music/now-playing.ts';
import { RequestHolds } from './music/request-holds.ts';
import { RequestQueue } from './music/request-queue.ts';
import { RequestSettingsStore } from './music/request-settings.ts';
import type { TrackListener } from './music/track-listener.ts';
import { OwnerRecord } from './owner-record.ts';
import type { RoomContext } from './room-context.ts';
import { migrateRoomStorage } from './room-migrations.ts';
import { type EndedShow, LiveShow } from './show/live-show.ts';
import { PerformerPresence } from './show/performer-presence.ts';
import { type BenchShowFigures, benchShowFigures } from './shows/bench-figures.ts';
import type { CamPublisher, CamPull } from './shows/show-cam.ts';
import { ShowDesk } from './shows/show-desk.ts';
import { showInProgressOf } from './shows/show-in-progress.ts';
import { Leaderboards } from './tips/leaderboards.ts';
import { LOOKUPS_PER_SOCKET, TipDesk, type TipListener } from './tips/tip-desk.ts';
import { TipHistory } from './tips/tip-history.ts';
import { TipIntake } from './tips/tip-intake.ts';
import { TipMenuBoard } from './tips/tip-menu-board.ts';
import { TipRoutes } from './tips/tip-routes.ts';
import { audienceOf } from './tips/tip-rules.ts';
import { EventLog } from './transport/event-log.ts';
import { badFrame, readFrame } from './transport/frames.ts';
import { personOf, type RoomOwner, readIdentity } from './transport/identity.ts';
import { Outbox } from './transport/outbox.ts';
import { Sockets, send } from './transport/sockets.ts';
import { resumedFrames, welcomeFrame } from './transport/welcome.ts';

type Message<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
const SHOW_OFFLINE = 'The show is offline; go live from the studio';

/**
 * One Room per performer room, named by the performer's handle: the single place that orders
 * what happens in the room. Sockets use the hibernation API, so an idle room costs nothing;
 * everything that must outlive this instance is in the attachments or the Room's SQLite, and
 * every field below is a cache that a restart may wipe.
 */
export class Room extends DurableObject<Env> {
  private readonly sockets: Sockets;
  private readonly events: EventLog;
  private readonly chat: ChatHistory;
  private readonly outbox: Outbox;
  private readonly tips: TipDesk;
  private readonly show: LiveShow;
  private readonly boards: Leaderboards;
  private readonly media: RoomMedia;
  private readonly modes: ChatModeRules;
  private readonly moderation: RoomModeration;
  private readonly reports: ReportDesk;
  private readonly menu: TipMenuBoard;
  private readonly goals: Goals;
  private readonly alarms: Alarms;
  private readonly tipHistory: TipHistory;
  private readonly away: PerformerPresence;
  private readonly tipRoutes: TipRoutes;
  private readonly chatDesk: ChatDesk;
  private readonly tipIntake: TipIntake;
  private readonly tracks: NowPlayingBoard;
  private readonly devices: DeviceQueue;
  private readonly requestSettings: RequestSettingsStore;
  private readonly requests: RequestQueue;
  private readonly fanClub: FanClubRoster;
  /** Paid shows (durable-objects/shows/). */
  private readonly shows: ShowDesk;
  /** The bench's and the tests' switches: only their RPCs change them, and only on the local stack. */
  private readonly local = new LocalSwitches();
  /** The Room's clock (RoomContext.now). */
  private readonly now = () => Date.now() + this.local.aheadMs;
  private readonly owner: OwnerRecord;
  /**
   * Tip lookups per socket, in memory: a wake-up starts the count over, which a flood (keeping the Room
   * awake) never gets.
   */
  private readonly lookups = new WeakMap<WebSocket, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // No request, message or alarm reaches the Room before its storage is at the latest version
    // (the helpers built below read no table in their constructors).
    void ctx.blockConcurrencyWhile(async () => {
      migrateRoomStorage(ctx.storage);
    });
    this.owner = new OwnerRecord({ sql: ctx.storage.sql });
    this.sockets = new Sockets(ctx, (who, open) => {
      // A paid show's seat holder (or its performer) left or came back (shows/seat-presence.ts).
      this.shows.presence.moved();
      if (who.role !== 'performer') return;
      this.performerMoved();
      // The studio that drove the device is gone: the device stops now.
      if (!open) this.devices.checkDevice();
    });
    this.events = new EventLog({ sql: ctx.storage.sql });
    this.outbox = new Outbox(this.sockets, this.events, {
      onViewers: (viewers) => this.show.viewersMoved(this.roomOwner(), viewers),
      bench: this.local,
    });
    this.alarms = new Alarms(ctx.storage);
    const room: RoomContext = {
      sql: ctx.storage.sql,
      db: env.DB,
      env,
      sockets: this.sockets,
      outbox: this.outbox,
      alarms: this.alarms,
      owner: () => this.roomOwner(),
      now: this.now,
      waitUntil: (work) => ctx.waitUntil(work),
    };
    this.away = new PerformerPresence(room);
    this.chat = new ChatHistory(room);
    this.media = new RoomMedia(room);
    this.show = new LiveShow(room);
    this.boards = new Leaderboards(room);
    this.menu = new TipMenuBoard(room);
    this.tipHistory = new TipHistory(room);
    this.tipRoutes = new TipRoutes(room);
    this.goals = new Goals(room, (tipIds) => this.goalTipsRefunded(tipIds));
    this.devices = new DeviceQueue(room);
    this.fanClub = new FanClubRoster(room, fanClubLookup);
    this.modes = new ChatModeRules(room, this.chat, this.fanClub);
    this.tips = new TipDesk(room, this.afterTips(), this.local, (tip) => this.devices.take(tip));
    this.moderation = new RoomModeration(room, {
      chat: this.chat,
      modes: this.modes,
      endMedia: (userId) => this.media.viewers.endUser(userId),
      endShowSeat: (userId) => this.shows.banned(userId),
    });
    this.chatDesk = new ChatDesk(room, { chat: this.chat, modes: this.modes, moderation: this.moderation });
    this.tipIntake = new TipIntake(room, {
      show: this.show,
      menu: this.menu,
      goals: this.goals,
      routes: this.tipRoutes,
      desk: this.tips,
      fanClub: this.fanClub,
    });
    this.tracks = new NowPlayingBoard(room);
    this.requestSettings = new RequestSettingsStore(room);
    const holds = new RequestHolds(
      room,
      this.requestSettings,
      {
        counted: (paymentId, from, amount) => {
          if (this.boards.record(paymentId, from, amount, this.now(), this.show.current() !== null))
            this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
        },
        refunded: (paymentIds) => {
          if (this.boards.refunded(paymentIds))
            this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
        },
      },
      () => {
        this.requests.rerank();
        this.requests.publish();
      },
    );
    this.requests = new RequestQueue(room, {
      live: () => this.show.current() !== null,
      settings: this.requestSettings,
      holds,
    });
    this.shows = new ShowDesk(room, {
      live: () => this.show.current() !== null,
      standing: (userId) => this.moderation.chatRefusal(userId, this.now()),
      minuteMs: () => this.local.showMinuteMs ?? showMinuteMs(env),
      closePublicMedia: (keep) => ctx.waitUntil(this.media.viewers.endAllBut(keep)),
      dropThumbnail: () => this.showThumbnailGone(),
      cameraOn: () => this.media.tracks.publisher() !== null,
    });
    this.reports = new ReportDesk(room, this.chat, () => ({ ...this.liveState(), modes: this.modes.modes() }));
    // Keep-alives are answered by the runtime without waking the Room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** Only the Worker calls this (rooms route), with the identity it verified. */
  override async fetch(request: Request): Promise<Response> {
    const who = readIdentity(request.headers);
    if (!who || request.headers.get('Upgrade') !== 'websocket')
      return new Response('Expected a WebSocket upgrade from the Worker', { status: 400 });
    this.remember(who.owner);
    const identity = this.moderation.admit(who.identity);
    if (!identity)
      return Response.json({ error: { code: 'FORBIDDEN', message: 'You are banned from this room' } }, { status: 403 });
    if (identity.userId && identity.role !== 'performer')
      this.fanClub.learned(identity.userId, Boolean(identity.fanClub));
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.sockets.accept(server, { identity, ready: false, chatTimes: [], badFrames: [] });
    this.sockets.closeOverCap(server);
    this.outbox.presenceChanged();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, frame: string | ArrayBuffer): Promise<void> {
    // Frames already queued on a socket this Room closed (for abuse, say) are not read.
    if (this.sockets.isClosed(ws)) return;
    const reading = readFrame(frame);
    if (!reading.ok) return this.refuse(ws, reading.code, reading.message);
    const message = reading.message;
    switch (message.type) {
      case 'hello':
        return this.hello(ws, message);
      case 'chat.send':
        return this.reply(ws, await this.chatDesk.send(ws, message));
      case 'tip.send':
        return this.reply(ws, await this.tipIntake.take(this.sockets.of(ws).identity, message));
      case 'tip.lookup':
        return this.tipLookup(ws, message);
      case 'ping':
        return this.reply(ws, { type: 'pong' });
      case 'mod.action':
      case 'mod.panel':
      case 'mod.viewers':
        return this.reply(ws, await this.moderation.request(this.sockets.of(ws).identity, message));
      case 'report.send':
        return this.reply(ws, await this.reports.file(this.sockets.of(ws).identity, message));
      case 'device.status':
      case 'device.control':
        return this.reply(ws, this.devices.request(ws, message));
      case 'request.send':
        return this.reply(ws, await this.requests.send(this.sockets.of(ws).identity, message));
      case 'request.bump':
        return this.reply(ws, await this.requests.bump(this.sockets.of(ws).identity, message));
      case 'request.withdraw':
        return this.reply(ws, this.requests.withdraw(this.sockets.of(ws).identity, message));
      case 'request.manage':
        return this.reply(ws, this.requests.manage(this.sockets.of(ws).identity, message));
      case 'request.reorder':
        return this.reply(ws, this.requests.reorder(this.sockets.of(ws).identity, message));
      case 'request.open':
        return this.reply(ws, this.requests.setOpen(this.sockets.of(ws).identity, message));
      case 'show.request':
      case 'show.accept':
      case 'show.decline':
      case 'show.end':
      case 'show.spy':
      case 'show.leave':
      case 'show.cam':
      case 'show.chat':
      case 'group.announce':
      case 'group.reserve':
      case 'group.join':
      case 'group.start':
        return this.reply(ws, await this.shows.take(this.sockets.of(ws).identity, message));
      default:
        return assertNever(message);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.sockets.markClosed(ws);
    this.outbox.presenceChanged();
    // Complete the closing handshake (codes 1005 and 1006 are reserved and cannot be sent back).
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'Bye');
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.sockets.markClosed(ws);
    this.outbox.presenceChanged();
  }

  /** The performer goes live (or retitles the live show); only the Worker's studio route calls this. */
  async goLive(owner: RoomOwner, title: string, tags: string[], retitleOnly = false): Promise<RoomResult<LiveState>> {
    // The studio route checks too; the Room refuses on its own so no other caller can skip the gate.
    if (!(await isApprovedPerformer(this.env.DB, owner.performerId)))
      return refused(403, 'FORBIDDEN', NOT_VERIFIED_MESSAGE);
    // After the await: the show may have ended meanwhile, and a retitle never starts one.
    if (retitleOnly && this.show.current() === null) return refused(409, 'NOT_LIVE', SHOW_OFFLINE);
    this.remember(owner);
    if (this.show.current() === null) this.boards.newShow();
    const show = await this.show.start(owner, title, tags, this.outbox.viewers());
    // Going live is a sign of presence: the grace counts from here if no room page is open.
    this.away.reset();
    await this.watchPerformer();
    this.outbox.publish({ kind: 'show', live: true, title: show.title, tags: show.tags });
    return accepted(this.liveState());
  }

  async goOffline(owner: RoomOwner): Promise<LiveState> {
    this.remember(owner);
    await this.show.stop(owner);
    this.stopMedia(owner);
    this.media.viewers.clear();
    this.devices.clear();
    this.outbox.publish({ kind: 'show', live: false, title: '', tags: [] });
    // Before the board starts over: refunds of this show's requests come off this show's board.
    this.requests.showEnded();
    await this.shows.roomClosed();
    this.boards.newShow();
    this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
    return this.liveState();
  }

  /**
   * The dev bench route's (bench/room.ts): the naive path on or off, or `count` 1-token tips put straight on
   * the tip desk to time the commit path without socket frames. Refused outside the local stack.
   */
  async benchMode(order: BenchOrder): Promise<RoomResult<null>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    if ('naive' in order) this.local.naive = order.naive;
    else await benchTips(this.tips, this.roomOwner(), order.tips);
    return accepted(null);
  }

  /**
   * Tests only (refused outside the local stack): resolves once no tip waits for its window or its batch and
   * no tick waits to go out, so a test waits on the Room rather than on the clock.
   */
  async drainForTests(): Promise<RoomResult<null>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    await drained([this.tips, this.outbox]);
    return accepted(null);
  }

  /**
   * The shows bench's (refused outside the local stack): go live and run `viewer`'s private show through the
   * same desk as the socket (start), end it as the viewer and settle (end), or read its billing figures.
   */
  async benchShow(
    owner: RoomOwner,
    viewer: { userId: string; handle: string },
    step: 'start' | 'end' | 'figures',
  ): Promise<RoomResult<BenchShowFigures>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    this.remember(owner);
    const fan = { userId: viewer.userId, handle: viewer.handle, displayName: viewer.handle, role: 'viewer' as const };
    const studio = {
      userId: owner.performerId,
      handle: owner.handle,
      displayName: owner.handle,
      role: 'performer' as const,
    };
    if (step === 'start') {
      const live = await this.goLive(owner, 'Bench', []);
      if (!live.ok) return live;
      const asked = await this.shows.take(fan, { type: 'show.request', clientId: 'bench-request', kind: 'private' });
      if (asked.type !== 'show.result' || !asked.shows.myRequest) return refused(409, 'INVALID', JSON.stringify(asked));
      await this.shows.take(studio, {
        type: 'show.accept',
        clientId: 'bench-accept',
        showId: asked.shows.myRequest.id,
      });
    } else if (step === 'end') {
      const id = this.shows.view(fan.userId).current?.id;
      if (id) await this.shows.take(fan, { type: 'show.end', clientId: 'bench-end', showId: id });
      await this.shows.due();
    }
    return accepted(benchShowFigures(this.ctx.storage.sql));
  }

  /** Tests only (refused outside the local stack): shows asked for from now on bill a minute of `ms`. */
  async setShowMinuteForTests(ms: number): Promise<RoomResult<null>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    this.local.showMinuteMs = ms;
    return accepted(null);
  }

  /** Tests only (refused outside the local stack): the Room's clock moves `ms` ahead, past a rule's time. */
  async advanceClockForTests(ms: number): Promise<RoomResult<null>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    this.local.aheadMs += ms;
    return accepted(null);
  }

  /**
   * The request bench's and the tests' (refused outside the local stack): the Room's clock moves `ms` ahead and
   * the song-request job runs now (expiries, and releases whose undo minute has passed), as its alarm would.
   */
  async requestsDueForTests(ms: number): Promise<RoomResult<null>> {
    const refusal = localStackOnly(this.env);
    if (refusal) return refusal;
    this.local.aheadMs += ms;
    await this.requests.due();
    return accepted(null);
  }

  /** The admin dashboard: delete a message, clear the chat, or any other moderation action. */
  async moderate(actor: { label: string; role: 'admin' }, action: ModerationAction): Promise<ModerationOutcome> {
    const parsed = ModerationAction.safeParse(action);
    if (!parsed.success) return { ok: false, reason: 'INVALID', message: 'Not a moderation action' };
    return this.moderation.act({ kind: 'admin', label: actor.label }, parsed.data);
  }

  /** An admin suspended the account: its sockets close now (the Worker refuses its session from then on). */
  async disconnectUser(userId: string): Promise<number> {
    this.shows.banned(userId, 'moderation');
    const closed = this.moderation.disconnect(userId, CloseCode.SUSPENDED, 'This account is suspended');
    await this.media.viewers.endUser(userId);
    return closed;
  }

  /**
   * The account signed out: its sockets close, and each page reconnects as its cookie now says (a revoked one
   * as a guest).
   */
  signedOut(userId: string): number {
    return this.moderation.disconnect(userId, CloseCode.SESSION_ENDED, 'Signed out');
  }

  /** An admin ends the show (a room breaking the rules); the same as the performer going offline. */
  async endShowByAdmin(): Promise<LiveState> {
    const owner = this.roomOwner();
    if (!owner || this.show.current() === null) return this.liveState();
    return this.goOffline(owner);
  }

  /** The show that ended last, for the studio's summary after End show. Worker only. */
  lastShow(): EndedShow | null {
    return this.show.lastShow();
  }

  liveState(): LiveState {
    const show = this.show.current();
    return {
      live: show !== null,
      title: show?.title ?? '',
      tags: show?.tags ?? [],
      viewers: this.outbox.viewers(),
      startedAt: show ? new Date(show.startedAt).toISOString() : null,
    };
  }

  /** What follows each committed tip batch, in this order: a new feature adds its listener here. */
  private afterTips(): TipListener[] {
    return [
      (tips) => this.tipHistory.record(tips),
      (tips) => this.modes.tipsCommitted(tips),
      (tips) => {
        // One leaderboard event per batch, and only when a ranked tip changed it.
        if (this.boards.recordAll(tips, this.show.current() !== null))
          this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
      },
      (tips) => this.goals.record(tips),
      // Last, so the reaction's start goes out in the frame that carries its tip.
      (tips) => this.devices.tipsCommitted(tips),
    ];
  }

  /** Refunded goal tips stop counting: off the leaderboard and the king line, and out of the recent tips. */
  private goalTipsRefunded(tipIds: string[]): void {
    if (this.tipHistory.refunded(tipIds) > 0) this.outbox.publish({ kind: 'tips.refunded', ids: tipIds });
    if (this.boards.refunded(tipIds)) this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
  }

  /** Told of each new track, in this order; the first match is recorded on it. A new feature adds its listener here. */
  private trackListeners(): TrackListener[] {
    return [this.requests.trackStarted];
  }

  /**
   * A track starts playing (the studio's now-playing route, typed or posted by the companion): the room sees
   * it at once; a repeat of the current track changes nothing and says so.
   */
  async setNowPlaying(
    owner: RoomOwner,
    track: TrackInput,
    source: TrackSource,
  ): Promise<RoomResult<NowPlayingResponse>> {
    const parsed = TrackShape.safeParse(track);
    if (!parsed.success) return refused(400, 'VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'Not a track');
    this.remember(owner);
    return accepted(await this.tracks.play(parsed.data, source, this.trackListeners()));
  }

  /** Nothing is playing now (studio): the room's now-playing line goes; the track stays among the recent. */
  async clearNowPlaying(owner: RoomOwner): Promise<NowPlaying> {
    this.remember(owner);
    return (await this.tracks.clear()) ?? this.tracks.feed();
  }

  nowPlaying(): NowPlaying {
    return this.tracks.feed();
  }

  /** The performer replaces the tip menu (studio route); the room sees the new one at once. */
  setMenu(owner: RoomOwner, items: MenuItemInput[]): TipMenu {
    this.remember(owner);
    const menu = this.menu.replace(items);
    this.outbox.publish({ kind: 'menu', menu });
    return menu;
  }

  /** The performer sets the fan-club discount (studio route, validated): the room sees the members' prices. */
  setFanClubDiscount(owner: RoomOwner, percent: number): TipMenu {
    this.remember(owner);
    const menu = this.menu.setDiscount(percent);
    this.outbox.publish({ kind: 'menu', menu });
    return menu;
  }

  /** Percent off the tip menu for fan-club members (0: none). */
  fanClubDiscount(): number {
    return this.menu.discount();
  }

  /**
   * A viewer joined, cancelled or lapsed from this performer's fan club (the Worker's fan-club routes and
   * renewals): the Room asks D1 afresh, and the viewer's open sockets carry the badge (or lose it) from their
   * next chat line; their pages learn it in a `standing`. Idempotent: any number of calls, in any order,
   * end at what D1 says.
   */
  async fanClubChanged(owner: RoomOwner, userId: string): Promise<boolean> {
    this.remember(owner);
    const { member, changed } = await this.fanClub.refresh(userId);
    if (changed) this.moderation.retell(userId);
    return member;
  }

  tipMenu(): TipMenu {
    return this.menu.items();
  }

  /** The performer sets a goal (studio route), replacing the current one. */
  async setGoal(owner: RoomOwner, goal: NewGoal): Promise<Goal> {
    this.remember(owner);
    return this.goals.set(goal);
  }

  async endGoal(owner: RoomOwner): Promise<null> {
    this.remember(owner);
    return this.goals.end();
  }

  goal(): Goal | null {
    return this.goals.current();
  }

  /**
   * The performer's connected app (MCP tools, through the Worker): retitle the live show. Offline it is
   * refused, so an app never starts a show; going live stays the studio's.
   */
  async retitle(owner: RoomOwner, title: string, tags: string[]): Promise<RoomResult<LiveState>> {
    if (this.show.current() === null) return refused(409, 'NOT_LIVE', SHOW_OFFLINE);
    return this.goLive(owner, title, tags, true);
  }

  /** The performer's connected app says something in chat as the performer: the room socket's own rules. */
  async chatAsPerformer(
    owner: RoomOwner,
    displayName: string,
    clientId: string,
    text: string,
  ): Promise<RoomResult<{ id: string }>> {
    this.remember(owner);
    const who = { userId: owner.performerId, handle: owner.handle, displayName, role: 'performer' as const };
    const posted = await this.chatDesk.post(who, clientId, text);
    if (!posted) return refused(409, 'RETRY_LATER', 'Try again');
    return posted.ok ? accepted({ id: posted.id }) : refusedFor(posted.reason, posted.message);
  }

  /** The performer's connected app moderates as the performer; the log says "via <app>". */
  async moderateVia(owner: RoomOwner, via: string, action: ModerationAction): Promise<RoomResult<null>> {
    const parsed = ModerationAction.safeParse(action);
    if (!parsed.success) return refused(400, 'VALIDATION_FAILED', 'Not a moderation action');
    this.remember(owner);
    // The app named itself when it registered: shown to the room's staff, so cleaned and capped like any name.
    const app = withoutBidiControls(via).trim().slice(0, 100) || 'a connected app';
    const actor = {
      kind: 'room',
      userId: owner.performerId,
      handle: owner.handle,
      role: 'performer',
      via: app,
    } as const;
    const outcome = await this.moderation.act(actor, parsed.data);
    return outcome.ok ? accepted(null) : refusedFor(outcome.reason, outcome.message);
  }

  /** What the studio's moderation panel shows (moderators, restrictions, words, modes, the log). */
  moderationPanel(logLimit?: number): ModerationPanel {
    const panel = this.moderation.panel();
    return logLimit === undefined ? panel : { ...panel, log: this.moderation.log.recent(logLimit) };
  }

  viewerList(): ViewerList {
    return this.moderation.viewers();
  }

  recentChat(): ChatMessage[] {
    return this.chat.recent();
  }

  chatModes(): ChatModes {
    return this.modes.modes();
  }

  /** The performer's tip levels and device caps (studio route). */
  deviceSettings(): DeviceSettings {
    return this.devices.settings();
  }

  /** The performer replaces their tip levels and caps (studio route, already validated); the room sees them. */
  setDeviceSettings(owner: RoomOwner, settings: DeviceSettings): DeviceSettings {
    this.remember(owner);
    return this.devices.replaceSettings(settings);
  }

  /** The song-request queue as the room sees it (a connected app reads it; the studio has it from the socket). */
  requestQueue(): RequestQueueView {
    return this.requests.view();
  }

  requestSettingsOf(): RequestSettings {
    return this.requestSettings.current();
  }

  /** The performer's request settings (studio route); the room sees the new price and whether requests are open. */
  setRequestSettings(owner: RoomOwner, settings: RequestSettings): RequestSettings {
    this.remember(owner);
    const saved = this.requestSettings.replace(settings);
    this.requests.settingsChanged(saved);
    return saved;
  }

  /** The performer saved their Paid shows settings (studio route): the room's buttons show the new offer. */
  showOfferChanged(owner: RoomOwner, settings: ShowSettings): void {
    this.remember(owner);
    this.shows.offerChanged(settings);
  }

  /** Media routes: whether a one-to-one session runs (the performer may publish while not live). */
  showSessionRunning(): boolean {
    return this.shows.sessionRunning();
  }

  /** Profile and directory: the paid show in progress ("In private", "Group show", "In a session"), or null. */
  showInProgress(): ShowInProgress | null {
    return showInProgressOf(this.ctx.storage.sql);
  }

  /** Media routes: whether `userId` may pull the performer's tracks while a show runs (wire/shows.ts). */
  showMediaAccess(userId: string | null): ShowMediaAccess {
    return this.shows.mediaAccess(userId);
  }

  /** Cam-to-cam (shows/show-cam.ts), for the cam media routes: the viewer publishes, the performer pulls. */
  camMayPublish(userId: string, showId: string): RoomResult<null> {
    const may = this.shows.cams.mayPublish(userId, showId);
    return may.ok ? accepted(null) : may;
  }
  camPublished(userId: string, showId: string, publisher: CamPublisher): RoomResult<null> {
    return this.shows.cams.published(userId, showId, publisher);
  }
  camMayPull(userId: string | null, showId: string): RoomResult<CamPublisher> {
    return this.shows.cams.mayPull(userId, showId);
  }
  camPulling(pull: CamPull, publication: string): RoomResult<null> {
    return this.shows.cams.pulling(pull, publication);
  }
  camMayKeepPulling(sessionId: string, userId: string | null): boolean {
    return this.shows.cams.mayKeepPulling(sessionId, userId);
  }
  /** A cam session's page closed it: a viewer's camera is forgotten, a performer's pull let go. */
  camClosed(role: 'cam-publisher' | 'cam-viewer', sessionId: string, userId: string): void {
    if (role === 'cam-publisher') this.shows.cams.unpublished(userId, sessionId);
    else this.shows.cams.stoppedPulling(sessionId);
  }

  /** The one alarm (alarms.ts): the tip backstop, goal deadlines, the performer check, the media check. */
  override async alarm(): Promise<void> {
    await this.alarms.run(
      {
        tips: () => this.tips.alarm(this.roomOwner()),
        goals: () => this.goals.due(),
        show: () => this.watchPerformer(),
        requests: () => this.requests.due(),
        media: async () => {
          // Off air, the performer may be away from their show too.
          if (await this.media.check()) await this.watchPerformer();
        },
        devices: () => this.devices.due(),
        shows: () => this.shows.due(),
        // The media check runs on every alarm too, as it did before it was a job: a Room that went on
        // air under the older code has no 'media' row, and its first alarm schedules one. The device queue
        // looks too (cheap): a reaction ends by the Room's clock.
      },
      ['tips', 'media', 'devices'],
    );
  }

  /** The performer's page published (or republished) its tracks: viewers pull them. Worker only. */
  async startMedia(owner: RoomOwner, publisher: Publisher): Promise<void> {
    this.remember(owner);
    await this.media.start(publisher);
  }

  /** Off air (only if `sessionId`, when given, is still the one on air); viewers are told. */
  stopMedia(owner: RoomOwner, sessionId?: string): boolean {
    this.remember(owner);
    return this.media.stop(sessionId);
  }

  /** What a viewer may pull: the publisher on air, unless they are banned from the room. */
  mayWatch(userId: string | null): { banned: boolean; publisher: Publisher | null } {
    return this.media.mayWatch(userId);
  }

  /**
   * A viewer's SFU session now pulls this room's tracks (the watch route): a ban or a block can end it. False
   * if banned meanwhile.
   */
  watching(viewer: MediaViewer): boolean {
    // A private or group show that started meanwhile: not this viewer's to watch.
    if (this.shows.mediaAccess(viewer.userId) === 'closed') return false;
    return this.media.watching(viewer);
  }

  /**
   * Whether a viewer's session may go on (renegotiate, switch layer): the Room still holds it and they are
   * not banned.
   */
  mayKeepWatching(sessionId: string, userId: string | null): boolean {
    return this.media.mayKeepWatching(sessionId, userId) && this.shows.mediaAccess(userId) !== 'closed';
  }

  stoppedWatching(sessionId: string): void {
    this.media.viewers.forget(sessionId);
  }

  /** The performer changed their geo-blocks (studio route): video to the newly blocked places stops now. */
  async placesBlocked(blocked: string[]): Promise<number> {
    // A paid seat held from a newly blocked place ends too: no one pays for video they no longer get.
    this.shows.placesBlocked(blocked);
    return this.media.viewers.endPlaces(blocked);
  }

  /** A private or group show started: the directory's thumbnail (taken in public) goes now. */
  private async showThumbnailGone(): Promise<void> {
    const owner = this.roomOwner();
    if (owner) await clearThumbnail(this.env, owner.performerId);
  }

  /** The performer's socket came or went: whether they are still with their show is looked at now. */
  private performerMoved(): void {
    this.ctx.waitUntil(
      this.watchPerformer().catch((error: unknown) =>
        log('error', 'room.presence.check_failed', { error: error instanceof Error ? error.message : String(error) }),
      ),
    );
  }

  /**
   * While live, the performer is with their show if a socket of theirs is open or their camera is
   * on air. Away past the grace (SHOW_GRACE_MS), the show ends as if they had ended it: the
   * directory drops it and viewers see offline. Otherwise the 'show' job looks again then.
   */
  private async watchPerformer(): Promise<void> {
    const owner = this.roomOwner();
    if (!owner || this.show.current() === null) return this.away.reset();
    const here = this.sockets.open(owner.performerId).length > 0 || this.media.tracks.publisher() !== null;
    const check = this.away.check(here, this.now());
    if (!check.end) return this.alarms.schedule('show', check.next);
    log('info', 'room.show.ended_performer_away', { handle: owner.handle, awaySince: this.away.awaySince() });
    this.away.reset();
    await this.goOffline(owner);
  }

  private hello(ws: WebSocket, message: Message<'hello'>): void {
    const me = this.sockets.of(ws);
    // Counted as a bad frame: an outdated page that keeps trying is closed by the abuse rule.
    if (message.version !== PROTOCOL_VERSION) {
      this.refuse(ws, 'UNSUPPORTED_VERSION', `This room speaks version ${PROTOCOL_VERSION}; reload the page`);
      return;
    }
    // One welcome per socket: each carries the whole room, so a repeated hello is abuse, not a refresh.
    if (me.ready) {
      this.refuse(ws, 'ALREADY_WELCOMED', 'This connection already joined the room');
      return;
    }
    const audience = audienceOf(me.identity.role);
    const you = me.identity.userId ? personOf(me.identity) : null;
    const lastSeq = message.lastSeq;
    // A studio that left while the Room was away is noticed before anyone is told the device is there.
    this.devices.checkDevice();
    // A page that keeps its state gets only what it missed, up to what every socket was sent;
    // the queued rest reaches it with the next tick, like everyone else.
    const missed =
      lastSeq !== undefined && message.keepsState
        ? this.events.replay(lastSeq, this.outbox.sentUpTo(), audience)
        : undefined;
    if (missed) {
      for (const frame of resumedFrames(you, missed)) send(ws, frame);
    } else {
      // Send what is queued first, so the snapshot and the stream that follows neither overlap nor gap.
      this.outbox.flush(false);
      const replayed = lastSeq === undefined ? [] : this.events.replay(lastSeq, this.events.newest, audience);
      const snapshot = {
        media: this.media.tracks.onAir(),
        handle: this.roomOwner()?.handle ?? '',
        live: this.show.current() !== null,
        title: this.show.current()?.title ?? '',
        viewers: this.outbox.viewersAsShown(),
        leaderboard: this.boards.current(),
        modes: this.modes.modes(),
        chat: this.chat.recent(),
        menu: this.menu.items(),
        goal: this.goals.current(),
        tips: this.tipHistory.recent(audience),
        nowPlaying: this.tracks.feed(),
        devices: this.devices.state(),
        deviceLevels: this.devices.settings().levels,
        requests: { ...this.requests.view(), mine: this.requests.mine(me.identity.userId) },
        shows: this.shows.view(me.identity.userId),
        seq: this.events.newest,
      };
      send(
        ws,
        welcomeFrame(
          {
            type: 'welcome',
            version: PROTOCOL_VERSION,
            you,
            snapshot,
            resume: lastSeq === undefined ? 'fresh' : replayed ? 'replayed' : 'reset',
          },
          replayed ?? [],
        ),
      );
    }
    this.sockets.save(ws, { ...me, ready: true });
    this.moderation.greet(ws);
  }

  private async tipLookup(ws: WebSocket, message: Message<'tip.lookup'>): Promise<void> {
    const used = (this.lookups.get(ws) ?? 0) + 1;
    this.lookups.set(ws, used);
    if (used > LOOKUPS_PER_SOCKET)
      return this.refuse(ws, 'ABUSE', 'Too many tip lookups on this connection; reconnect to ask again');
    const userId = this.sockets.of(ws).identity.userId;
    if (!userId) return this.reply(ws, { type: 'tip.status', clientId: message.clientId, status: 'unknown' });
    this.reply(ws, await this.tips.lookup(userId, message.clientId));
  }

  /** A bad frame: an error for this socket only; the 10th within 10 s closes it. */
  private refuse(ws: WebSocket, code: FrameError, message: string): void {
    this.reply(ws, { type: 'error', code, message });
    const me = this.sockets.of(ws);
    const abuse = badFrame(me.badFrames, this.now());
    this.sockets.save(ws, { ...me, badFrames: abuse.times });
    if (!abuse.close) return;
    this.reply(ws, { type: 'error', code: 'ABUSE', message: 'Too many bad frames; this connection is closed' });
    ws.close(CloseCode.ABUSE, 'Too many bad frames');
    this.sockets.markClosed(ws);
    this.outbox.presenceChanged();
  }

  /** An answer for this socket only (none when the request needs none). */
  private reply(ws: WebSocket, message: ServerMessage | undefined): void {
    if (message) send(ws, JSON.stringify(message));
  }

  private roomOwner(): RoomOwner | undefined {
    return this.owner.current();
  }

  private remember(owner: RoomOwner): void {
    this.owner.remember(owner);
  }
}
