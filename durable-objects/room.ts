import { DurableObject } from 'cloudflare:workers';
import { assertNever, CloseCode, PROTOCOL_VERSION, type ClientMessage, type FrameError, type RejectReason, type ServerMessage } from '../wire/room.ts';
import { Frames, Outbox } from './broadcast.ts';
import { CHAT_RATE, chatMessage, chatRef, slidingWindow } from './chat-rules.ts';
import { ChatHistory } from './chat-history.ts';
import { EventLog } from './event-log.ts';
import { badFrame, readFrame } from './frames.ts';
import { personOf, readIdentity, type RoomOwner } from './identity.ts';
import { send, Sockets } from './sockets.ts';
import { audienceOf, tipKey } from './tip-rules.ts';
import { TipDesk } from './tip-desk.ts';
import { migrate, readOwner, writeOwner } from './storage.ts';
import { LiveShow } from './live-show.ts';
import { Leaderboards } from './leaderboard.ts';
import type { TipIntent } from './tip-rules.ts';
import type { LiveState } from '../wire/live.ts';
import { isApprovedPerformer, NOT_VERIFIED_MESSAGE } from '../workers/kyc/gate.ts';

type Message<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

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
  private owner: RoomOwner | undefined;
  /** Per user, across their tabs; seeded from the socket's attachment after a wake-up. */
  private readonly chatTimes = new Map<string, number[]>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage.sql);
    this.sockets = new Sockets(ctx);
    this.events = new EventLog(ctx.storage.sql);
    this.chat = new ChatHistory(ctx.storage.sql);
    this.show = new LiveShow(ctx, env.DB);
    this.outbox = new Outbox(this.sockets, this.events, (viewers) => this.show.viewersMoved(this.roomOwner(), viewers));
    this.boards = new Leaderboards(ctx.storage.sql);
    this.tips = new TipDesk(
      ctx,
      env,
      (event, ref) => this.outbox.publish(event, ref),
      (userId, message) => this.tell(userId, message),
      (accepted) => this.tipsAccepted(accepted),
    );
    // Keep-alives are answered by the runtime without waking the Room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** Only the Worker calls this (rooms route), with the identity it verified. */
  override async fetch(request: Request): Promise<Response> {
    const who = readIdentity(request.headers);
    if (!who || request.headers.get('Upgrade') !== 'websocket') return new Response('Expected a WebSocket upgrade from the Worker', { status: 400 });
    this.remember(who.owner);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.sockets.accept(server, { identity: who.identity, ready: false, chatTimes: [], badFrames: [] });
    this.outbox.presenceChanged();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, frame: string | ArrayBuffer): Promise<void> {
    const reading = readFrame(frame);
    if (!reading.ok) return this.refuse(ws, reading.code, reading.message);
    const message = reading.message;
    switch (message.type) {
      case 'hello':
        return this.hello(ws, message);
      case 'chat.send':
        return this.chatSend(ws, message);
      case 'tip.send':
        return this.tipSend(ws, message);
      case 'ping':
        return this.reply(ws, { type: 'pong' });
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
  async goLive(owner: RoomOwner, title: string, tags: string[]): Promise<LiveState> {
    // The studio route checks too; the Room refuses on its own so no other caller can skip the gate.
    if (!(await isApprovedPerformer(this.env.DB, owner.performerId))) throw new Error(NOT_VERIFIED_MESSAGE);
    this.remember(owner);
    if (this.show.current() === null) this.boards.newShow();
    const show = await this.show.start(owner, title, tags, this.outbox.viewers());
    this.outbox.publish({ kind: 'show', live: true, title: show.title, tags: show.tags });
    return { live: true, title: show.title, tags: show.tags, viewers: this.outbox.viewers(), startedAt: new Date(show.startedAt).toISOString() };
  }

  async goOffline(owner: RoomOwner): Promise<LiveState> {
    this.remember(owner);
    await this.show.stop(owner);
    this.outbox.publish({ kind: 'show', live: false, title: '', tags: [] });
    this.boards.newShow();
    this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
    return this.liveState();
  }

  liveState(): LiveState {
    const show = this.show.current();
    return { live: show !== null, title: show?.title ?? '', tags: show?.tags ?? [], viewers: this.outbox.viewers(), startedAt: show ? new Date(show.startedAt).toISOString() : null };
  }

  /** One leaderboard event per committed batch, and only when a ranked tip changed it. */
  private tipsAccepted(tips: { id: string; intent: TipIntent; at: number }[]): void {
    const live = this.show.current() !== null;
    const moved = tips.map((t) => this.boards.record(t.id, t.intent.anonymous ? null : t.intent.from, t.intent.amount, t.at, live)).some(Boolean);
    if (moved) this.outbox.publish({ kind: 'leaderboard', leaderboard: this.boards.current() });
  }

  /** The durable backstop for tips (and, later, goal deadlines): whatever is due runs here. */
  override async alarm(): Promise<void> {
    await this.tips.alarm(this.roomOwner());
  }

  private hello(ws: WebSocket, message: Message<'hello'>): void {
    const me = this.sockets.of(ws);
    // Counted as a bad frame: an outdated page that keeps trying is closed by the abuse rule.
    if (message.version !== PROTOCOL_VERSION) return this.refuse(ws, 'UNSUPPORTED_VERSION', `This room speaks version ${PROTOCOL_VERSION}; reload the page`);
    // Send what is queued first, so the snapshot and the stream that follows neither overlap nor gap.
    this.outbox.flush();
    const audience = audienceOf(me.identity.role);
    const missed = message.lastSeq === undefined ? [] : this.events.since(message.lastSeq);
    const frames = new Frames(missed ?? []);
    this.reply(ws, {
      type: 'welcome',
      version: PROTOCOL_VERSION,
      you: me.identity.userId ? personOf(me.identity) : null,
      snapshot: { handle: this.roomOwner()?.handle ?? '', live: this.show.current() !== null, title: this.show.current()?.title ?? '', viewers: this.outbox.viewers(), leaderboard: this.boards.current(), chat: this.chat.recent(), seq: this.events.newest },
      resume: message.lastSeq === undefined ? 'fresh' : missed ? 'replayed' : 'reset',
      missed: frames.events(audience),
    });
    this.sockets.save(ws, { ...me, ready: true });
  }

  private chatSend(ws: WebSocket, message: Message<'chat.send'>): void {
    const me = this.sockets.of(ws);
    const userId = me.identity.userId;
    if (!userId) return this.reject(ws, message, 'SIGN_IN_REQUIRED', 'Sign in to chat');
    const ref = chatRef(userId, message.clientId);
    // A resend (the reply was lost in a reconnect) gets the first answer and posts nothing.
    const earlier = this.chat.byRef(ref);
    if (earlier) return this.reply(ws, { type: 'chat.result', clientId: message.clientId, status: 'accepted', id: earlier.id });
    const now = Date.now();
    const window = slidingWindow(this.chatTimes.get(userId) ?? me.chatTimes, now, CHAT_RATE.messages, CHAT_RATE.windowMs);
    this.chatTimes.set(userId, window.times);
    this.sockets.save(ws, { ...me, chatTimes: window.times });
    if (!window.allowed) return this.reject(ws, message, 'RATE_LIMITED', `At most ${CHAT_RATE.messages} messages in ${CHAT_RATE.windowMs / 1000} seconds`);
    const chat = chatMessage(personOf(me.identity), message.text, now);
    const logged = this.outbox.publish({ kind: 'chat', message: chat });
    if (logged) this.chat.add(chat, logged.seq, ref);
    this.reply(ws, { type: 'chat.result', clientId: message.clientId, status: 'accepted', id: chat.id });
  }

  private async tipSend(ws: WebSocket, message: Message<'tip.send'>): Promise<void> {
    const who = this.sockets.of(ws).identity;
    if (!who.userId) return this.reject(ws, message, 'SIGN_IN_REQUIRED', 'Sign in to tip');
    if (who.role === 'performer') return this.reject(ws, message, 'FORBIDDEN', 'You cannot tip your own room');
    const note = message.note ? message.note : null;
    await this.tips.hold(
      { key: tipKey(who.userId, message.clientId), userId: who.userId, clientId: message.clientId, receivedAt: Date.now() },
      { from: personOf(who), amount: message.amount, note, private: Boolean(message.private && note), anonymous: Boolean(message.anonymous) },
      this.roomOwner(),
    );
  }

  /** A bad frame: an error for this socket only; the 10th within 10 s closes it. */
  private refuse(ws: WebSocket, code: FrameError, message: string): void {
    this.reply(ws, { type: 'error', code, message });
    const me = this.sockets.of(ws);
    const abuse = badFrame(me.badFrames, Date.now());
    this.sockets.save(ws, { ...me, badFrames: abuse.times });
    if (!abuse.close) return;
    this.reply(ws, { type: 'error', code: 'ABUSE', message: 'Too many bad frames; this connection is closed' });
    ws.close(CloseCode.ABUSE, 'Too many bad frames');
    this.sockets.markClosed(ws);
    this.outbox.presenceChanged();
  }

  private reject(ws: WebSocket, message: Message<'chat.send' | 'tip.send'>, reason: RejectReason, text: string): void {
    this.reply(ws, { type: 'rejected', clientId: message.clientId, of: message.type, reason, message: text });
  }

  private reply(ws: WebSocket, message: ServerMessage): void {
    send(ws, JSON.stringify(message));
  }

  /** A user's answer goes to all of their sockets: the one that asked may have been replaced. */
  private tell(userId: string, message: ServerMessage): void {
    const frame = JSON.stringify(message);
    for (const ws of this.sockets.open(userId)) send(ws, frame);
  }

  private roomOwner(): RoomOwner | undefined {
    this.owner ??= readOwner(this.ctx.storage.sql);
    return this.owner;
  }

  private remember(owner: RoomOwner): void {
    const known = this.roomOwner();
    if (known?.handle === owner.handle && known.performerId === owner.performerId) return;
    writeOwner(this.ctx.storage.sql, owner);
    this.owner = owner;
  }
}
