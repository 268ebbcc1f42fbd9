import { z } from 'zod';
import { DeviceControl, DeviceQueueState, DeviceStatus, TipDevice, TipLevel } from './devices.ts';
import { Goal } from './goals.ts';
import { RoomMedia } from './media.ts';
import {
  ChatModes,
  ModerationAction,
  ModerationPanel,
  Muted,
  REPORT_TEXT_MAX,
  ReportReason,
  ViewerList,
} from './moderation.ts';
import { NowPlaying, RequestAction, RequestFields, RequestQueue, SongRequest } from './music.ts';
import {
  NO_SHOWS,
  PublicShow,
  RoomShows,
  ShowMessageFields as Show,
  ShowEventFrame,
  ShowRejectReason,
  ShowResult,
} from './shows.ts';
import { shownText } from './text.ts';
import { TipMenu } from './tip-menu.ts';

/**
 * The room protocol: every frame between a browser and a Room, defined once and imported by
 * the Room Durable Object and the web client. Versioned; a client says its version in `hello`.
 * New message types and event kinds (moderation, tip menu, goals, live state) are added to the
 * unions below; a client ignores event kinds it does not know.
 */
export const PROTOCOL_VERSION = 1;
/** Frames bigger than this are refused unread. */
export const MAX_FRAME_BYTES = 8 * 1024;
export const CHAT_MAX_CHARS = 500;
export const TIP_NOTE_MAX_CHARS = 200;
export const TIP_MAX_TOKENS = 1_000_000;
/** Chat messages a newcomer sees on join. */
export const CHAT_HISTORY_SIZE = 200;

/** Why a client write was refused: a closed set, so the client can word each one. */
export const RejectReason = z.enum([
  'INSUFFICIENT_FUNDS',
  'WALLET_FROZEN',
  'RATE_LIMITED',
  'MUTED',
  'BANNED',
  'ROOM_OFFLINE',
  'INVALID',
  'FORBIDDEN',
  'SIGN_IN_REQUIRED',
  'FILTERED',
  'SLOW_MODE',
  'FOLLOWERS_ONLY',
  'TIPPERS_ONLY',
  /** The client id was already used for a different write. */
  'DUPLICATE',
  /** The outcome is unknown (the database was unreachable): send it again with the same client id. */
  'TRY_AGAIN',
  /** Song requests: the performer closed them, the queue or your share of it is full, a bump too small. */
  'REQUESTS_CLOSED',
  'QUEUE_FULL',
  'BELOW_MINIMUM',
  /** No such request here, or it already finished (played or refunded). */
  'NOT_FOUND',
  'ALREADY_DECIDED',
  /** Paid shows (wire/shows.ts). */
  ...ShowRejectReason.options,
]);
export type RejectReason = z.infer<typeof RejectReason>;

/** Errors about a frame itself (not a write): the socket stays open unless abuse repeats. */
export const FrameError = z.enum([
  'MALFORMED',
  'TOO_LARGE',
  'UNKNOWN_TYPE',
  'UNSUPPORTED_VERSION',
  'ABUSE',
  /** A second hello on one socket (a page reconnects on a new socket). */ 'ALREADY_WELCOMED',
]);
export type FrameError = z.infer<typeof FrameError>;

/** Application close codes (4000-4999), named after their HTTP cousins. */
export const CloseCode = {
  ABUSE: 4429,
  BANNED: 4403,
  SUSPENDED: 4401,
  /** Over the per-client socket cap (an account's oldest tab, or a guest network's newest); the reason says which. */
  TOO_MANY_CONNECTIONS: 4409,
  /** The account signed out (here or everywhere): the page reconnects as whoever its cookie now says. */
  SESSION_ENDED: 4001,
} as const;

/** A client-chosen id for each write, so a retry after a reconnect is recognised. */
export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[\w-]+$/);

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    version: z.number().int(),
    lastSeq: z.number().int().nonnegative().optional(),
    /** The page keeps what it has: a gap the log still holds is answered `resumed`, without the snapshot. */
    keepsState: z.boolean().optional(),
  }),
  z.object({ type: z.literal('chat.send'), clientId: ClientId, text: shownText().trim().min(1).max(CHAT_MAX_CHARS) }),
  z.object({
    type: z.literal('tip.send'),
    clientId: ClientId,
    amount: z.number().int().min(1).max(TIP_MAX_TOKENS),
    note: shownText().trim().max(TIP_NOTE_MAX_CHARS).optional(),
    /** The note is shown to the performer only. */
    private: z.boolean().optional(),
    /** The tip is shown without the tipper's name. */
    anonymous: z.boolean().optional(),
    /** A tip-menu item: the amount must be its current price. */
    menuItemId: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('ping') }),
  /**
   * What became of one of your tips (after a crash or a dropped socket): answered like the send
   * itself (`tip.result` or `rejected`) when the ledger decided it, else with `tip.status`.
   */
  z.object({ type: z.literal('tip.lookup'), clientId: ClientId }),
  /** Performer and moderators: one moderation action (wire/moderation.ts). */
  z.object({ type: z.literal('mod.action'), clientId: ClientId, action: ModerationAction }),
  /** Performer and moderators: moderators, restrictions, word list, modes and the moderation log. */
  z.object({ type: z.literal('mod.panel'), clientId: ClientId }),
  /** Performer and moderators: who is in the room. */
  z.object({ type: z.literal('mod.viewers'), clientId: ClientId }),
  z.object({
    type: z.literal('report.send'),
    clientId: ClientId,
    target: z.enum(['message', 'room']),
    /** The reported chat message's id, for a message report. */
    messageId: z.string().min(1).max(64).optional(),
    reason: ReportReason,
    text: shownText().trim().max(REPORT_TEXT_MAX).default(''),
  }),
  /** Performer only: the studio's device came or went (no device, no queue; losing it stops the running one). */
  z.object({ type: z.literal('device.status'), clientId: ClientId, ...DeviceStatus.shape }),
  /** Performer only: pause, resume, skip or clear the device queue. */
  z.object({ type: z.literal('device.control'), clientId: ClientId, action: DeviceControl }),
  /** Song requests (wire/music.ts): a viewer requests, bumps their own, or withdraws it while it waits. */
  z.object({ type: z.literal('request.send'), clientId: ClientId, ...RequestFields.shape }),
  z.object({
    type: z.literal('request.bump'),
    clientId: ClientId,
    requestId: z.string().max(64),
    amount: z.number().int().min(1).max(TIP_MAX_TOKENS),
  }),
  z.object({ type: z.literal('request.withdraw'), clientId: ClientId, requestId: z.string().max(64) }),
  /** The performer: accept, reject (with a reason), playing now, played, undo a played. */
  z.object({
    type: z.literal('request.manage'),
    clientId: ClientId,
    requestId: z.string().max(64),
    action: RequestAction,
    reason: shownText().trim().max(200).optional(),
  }),
  /** The performer: the waiting requests in this order (ids left out keep their order after these). */
  z.object({
    type: z.literal('request.reorder'),
    clientId: ClientId,
    ids: z.array(z.string().max(64)).max(200),
  }),
  /** The performer: requests open or closed, live. */
  z.object({ type: z.literal('request.open'), clientId: ClientId, open: z.boolean() }),
  /** Paid shows (wire/shows.ts): each answered `show.result` or `rejected`. */
  z.object({ type: z.literal('show.request'), clientId: ClientId, ...Show['show.request'].shape }),
  z.object({ type: z.literal('show.accept'), clientId: ClientId, ...Show['show.accept'].shape }),
  z.object({ type: z.literal('show.decline'), clientId: ClientId, ...Show['show.decline'].shape }),
  z.object({ type: z.literal('show.end'), clientId: ClientId, ...Show['show.end'].shape }),
  z.object({ type: z.literal('show.spy'), clientId: ClientId, ...Show['show.spy'].shape }),
  z.object({ type: z.literal('show.leave'), clientId: ClientId, ...Show['show.leave'].shape }),
  z.object({ type: z.literal('show.cam'), clientId: ClientId, ...Show['show.cam'].shape }),
  z.object({ type: z.literal('show.chat'), clientId: ClientId, ...Show['show.chat'].shape }),
  z.object({ type: z.literal('group.announce'), clientId: ClientId, ...Show['group.announce'].shape }),
  z.object({ type: z.literal('group.reserve'), clientId: ClientId, ...Show['group.reserve'].shape }),
  z.object({ type: z.literal('group.join'), clientId: ClientId, ...Show['group.join'].shape }),
  z.object({ type: z.literal('group.start'), clientId: ClientId, ...Show['group.start'].shape }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];
export const CLIENT_MESSAGE_TYPES: readonly string[] = ClientMessage.options.map((o) => o.shape.type.value);

export const RoomRole = z.enum(['anonymous', 'viewer', 'moderator', 'performer']);
export type RoomRole = z.infer<typeof RoomRole>;

/** Who someone is in a room, as others see them. */
export const Person = z.object({ handle: z.string(), displayName: z.string(), role: RoomRole });
export type Person = z.infer<typeof Person>;

export const ChatMessage = z.object({
  id: z.string(),
  from: Person,
  /** As typed: emote shortcodes (`:heart:`) stay text; the client renders them. */
  text: z.string(),
  /** Handles mentioned with @handle, lower-cased, without the @. */
  mentions: z.array(z.string()),
  at: z.number().int(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Tip size, for the animation. */
export const TipTier = z.enum(['small', 'medium', 'large', 'huge']);
export type TipTier = z.infer<typeof TipTier>;

export const TipEvent = z.object({
  id: z.string(),
  amount: z.number().int(),
  tier: TipTier,
  /** Null when the tipper chose to be anonymous. */
  from: Person.nullable(),
  /** A private note reaches only the performer; everyone else gets null. */
  note: z.string().nullable(),
  private: z.boolean(),
  at: z.number().int(),
  /** The label of the tip-menu item this tip was for. */
  menuItem: z.string().optional(),
});
export type TipEvent = z.infer<typeof TipEvent>;

/** Top tippers of the current show, and the king of the room: the top tipper of the last 12 hours. */
export const Tipper = z.object({ handle: z.string(), displayName: z.string(), tokens: z.number().int() });
export type Tipper = z.infer<typeof Tipper>;
export const Leaderboard = z.object({ show: z.array(Tipper), king: Tipper.nullable() });
export type Leaderboard = z.infer<typeof Leaderboard>;

export const RoomEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat'), message: ChatMessage }),
  z.object({ kind: z.literal('tip'), tip: TipEvent }),
  /** Goal tips refunded to their tippers (the goal was missed or ended): they leave the recent tips. */
  z.object({ kind: z.literal('tips.refunded'), ids: z.array(z.string()) }),
  z.object({ kind: z.literal('presence'), viewers: z.number().int() }),
  /** The performer went live (or changed the title) or ended the show. */
  z.object({ kind: z.literal('show'), live: z.boolean(), title: z.string(), tags: z.array(z.string()) }),
  z.object({ kind: z.literal('leaderboard'), leaderboard: Leaderboard }),
  /** The performer's tracks went on air (or were republished: pull again) or off air (no tracks). */
  z.object({ kind: z.literal('media'), media: RoomMedia }),
  /** The performer changed the tip menu. */
  z.object({ kind: z.literal('menu'), menu: TipMenu }),
  /** The goal moved (once per tip batch), was set, reached, missed, or ended (null). */
  z.object({ kind: z.literal('goal'), goal: Goal.nullable() }),
  /** The goal was just reached: the celebration. */
  z.object({ kind: z.literal('goal.reached'), goal: Goal }),
  z.object({ kind: z.literal('modes'), modes: ChatModes }),
  /** A moderator removed a message: it vanishes from every client. */
  z.object({ kind: z.literal('chat.deleted'), id: z.string() }),
  /** A moderator cleared the chat: every message up to this event vanishes. */
  z.object({ kind: z.literal('chat.cleared') }),
  /** A new track is playing (or, with current null, the performer cleared it): the whole feed. */
  z.object({ kind: z.literal('track'), nowPlaying: NowPlaying }),
  /** The device queue moved: a reaction started or ended, one was queued, paused, the device came or went. */
  z.object({ kind: z.literal('devices'), devices: DeviceQueueState }),
  /** The performer changed the tip levels (the tip form shows what an amount gets). */
  z.object({ kind: z.literal('device.levels'), levels: z.array(TipLevel) }),
  /** The song-request queue changed (a request, a bump, a decision, a reorder, the settings). */
  z.object({ kind: z.literal('requests'), requests: RequestQueue }),
  /** The room's paid show started, changed (seats, spies) or ended (null): public viewers show a placeholder. */
  z.object({ kind: z.literal('shows'), current: PublicShow.nullable() }),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;

export const SequencedEvent = z.object({ seq: z.number().int(), event: RoomEvent });
export type SequencedEvent = z.infer<typeof SequencedEvent>;

export const RoomSnapshot = z.object({
  /** What is on air: the performer's track names (wire/media.ts); viewers pull them. */
  media: RoomMedia,
  handle: z.string(),
  live: z.boolean(),
  title: z.string(),
  viewers: z.number().int(),
  leaderboard: Leaderboard,
  modes: ChatModes,
  /** The last CHAT_HISTORY_SIZE messages, oldest first. */
  chat: z.array(ChatMessage),
  menu: TipMenu,
  goal: Goal.nullable(),
  /** The last 20 tips, oldest first (a private note only for the performer): the tip feed after a reload. */
  tips: z.array(TipEvent).default([]),
  /** What is playing now and the tracks before it (wire/music.ts). */
  nowPlaying: NowPlaying.default({ current: null, recent: [] }),
  /** The device queue, and the tip levels that fill it. */
  devices: DeviceQueueState.optional(),
  deviceLevels: z.array(TipLevel).default([]),
  /** The song-request queue, and the ids of your own requests in it (to bump or withdraw). */
  requests: RequestQueue.extend({ mine: z.array(z.string()) }).optional(),
  /** Paid shows: the offer, the current show, your seat; the performer's requests and seats (wire/shows.ts). */
  shows: RoomShows.default(NO_SHOWS),
  /** The sequence number the snapshot is current to; events that follow have higher numbers. */
  seq: z.number().int(),
});
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;

/**
 * How a `hello` was answered: `fresh` (no lastSeq), `replayed` (`missed` holds exactly the
 * events after lastSeq, in order), or `reset` (the gap is no longer in the log: start over
 * from the snapshot). Whatever the log holds is replayed, however long the gap; the log keeps
 * at least the room's last 5 minutes and its busiest minute (durable-objects/event-log.ts).
 * A page that sends keepsState gets `resumed` instead of a `replayed` welcome.
 */
export const Resume = z.enum(['fresh', 'replayed', 'reset']);
export type Resume = z.infer<typeof Resume>;

const SHOW_WRITES = [
  'show.request',
  'show.accept',
  'show.decline',
  'show.end',
  'show.spy',
  'show.leave',
  'show.cam',
  'show.chat',
  'group.announce',
  'group.reserve',
  'group.join',
  'group.start',
] as const;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    version: z.literal(PROTOCOL_VERSION),
    /** Null for an anonymous viewer, who may watch and read but not write. */
    you: Person.nullable(),
    snapshot: RoomSnapshot,
    resume: Resume,
    missed: z.array(SequencedEvent),
  }),
  /**
   * The answer to a hello with lastSeq and keepsState whose gap the log still holds: exactly the
   * events after lastSeq, in order, and nothing the page already has (no snapshot). A long gap
   * goes on in `events` frames sent right after this one.
   */
  z.object({
    type: z.literal('resumed'),
    version: z.literal(PROTOCOL_VERSION),
    you: Person.nullable(),
    missed: z.array(SequencedEvent),
  }),
  /** Everything that happened in one tick (about 50 ms), coalesced into one frame. */
  z.object({ type: z.literal('events'), events: z.array(SequencedEvent) }),
  z.object({ type: z.literal('chat.result'), clientId: z.string(), status: z.literal('accepted'), id: z.string() }),
  z.object({
    type: z.literal('tip.result'),
    clientId: z.string(),
    status: z.literal('accepted'),
    tipId: z.string(),
    balance: z.number().int(),
    /** While the performer's toy is connected: whether this tip queued a reaction, or why not. */
    device: TipDevice.optional(),
  }),
  /** A song-request write landed: the request as it now stands, and your balance after a paid one. */
  z.object({
    type: z.literal('request.result'),
    clientId: z.string(),
    status: z.literal('accepted'),
    request: SongRequest.nullable(),
    balance: z.number().int().optional(),
  }),
  /**
   * A looked-up tip the ledger has not decided: `pending` (waiting here; its answer follows) or `unknown`
   * (never arrived: send it again, same client id).
   */
  z.object({ type: z.literal('tip.status'), clientId: z.string(), status: z.enum(['pending', 'unknown']) }),
  z.object({
    type: z.literal('rejected'),
    clientId: z.string(),
    /** Which write was refused. */
    of: z.enum([
      'chat.send',
      'tip.send',
      'mod.action',
      'mod.panel',
      'mod.viewers',
      'report.send',
      'device.status',
      'device.control',
      'request.send',
      'request.bump',
      'request.withdraw',
      'request.manage',
      'request.reorder',
      'request.open',
      ...SHOW_WRITES,
    ]),
    reason: RejectReason,
    message: z.string(),
    /** The wallet balance, when the write was a tip or a paid request. */
    balance: z.number().int().optional(),
  }),
  z.object({ type: z.literal('mod.result'), clientId: z.string(), status: z.literal('accepted') }),
  z.object({ type: z.literal('mod.panel'), clientId: z.string(), panel: ModerationPanel }),
  z.object({ type: z.literal('mod.viewers'), clientId: z.string(), viewers: ViewerList }),
  z.object({
    type: z.literal('report.result'),
    clientId: z.string(),
    status: z.literal('accepted'),
    reportId: z.string(),
  }),
  /** A device status or control the Room took, and the queue as it now is. */
  z.object({
    type: z.literal('device.result'),
    clientId: z.string(),
    status: z.literal('accepted'),
    devices: DeviceQueueState,
  }),
  /** Your own standing changed (appointed or dismissed as a moderator, muted or unmuted). */
  z.object({ type: z.literal('standing'), you: Person, muted: Muted }),
  z.object({ type: z.literal('error'), code: FrameError, message: z.string() }),
  z.object({ type: z.literal('pong') }),
  /** Paid shows: a show write landed; the private side of a show, to its people only (wire/shows.ts). */
  ShowResult,
  ShowEventFrame,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
