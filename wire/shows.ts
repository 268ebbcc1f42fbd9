import { z } from 'zod';
import { shownText } from './text.ts';

/**
 * Paid shows (issue 13): private, spy, group and one-to-one sessions, billed per minute by the Room.
 * Shared by the Room, the studio's "Paid shows" form, the room page, the profile and the tests. Versioned
 * with the room protocol (wire/room.ts PROTOCOL_VERSION); SHOWS_VERSION moves when a shape here changes
 * in a way an older page cannot read.
 *
 * Where things live: the settings in D1 (`show_settings`, workers/db/shows-schema.ts), read by the Room at
 * each request (so a change applies to later shows only; a running show keeps the rate it started with);
 * the running show in the Room's SQLite; each finished show and each participant in D1 (`shows`,
 * `show_participants`), which earnings, reviews and admin figures read.
 *
 * Money: every movement is a `show_minute` ledger transaction (no new kind, so no ledger table rebuild),
 * told apart by `memo.phase`: `hold` (a seat's minute, or the minimum, wallet -> `hold:show:<id>`, keyed by
 * show, payer and minute index), `settle` (used minutes, hold -> earnings and fees at the usual split) and
 * `refund` (unused minutes, hold -> wallet), each once per seat.
 */
export const SHOWS_VERSION = 1;

/** Settings routes (the studio's Paid shows page): GET answers ShowSettingsResponse, PUT takes ShowSettings. */
export const SHOW_SETTINGS_PATH = '/api/studio/shows/settings';

// The limits and the empty state live in show-limits.ts (no zod), so the room page can import them alone.
import {
  GROUP_MINIMUM_MAX,
  GROUP_TITLE_MAX_CHARS,
  NO_SHOWS,
  SHOW_CHARGE_DEADLINE_MS,
  SHOW_CHAT_MAX_CHARS,
  SHOW_MINIMUM_MINUTES_MAX,
  SHOW_MINUTE_MS,
  SHOW_RATE_MAX,
  SHOW_RATE_MIN,
  SHOW_REQUEST_TIMEOUT_MS,
} from './show-limits.ts';

export {
  GROUP_MINIMUM_MAX,
  GROUP_TITLE_MAX_CHARS,
  NO_SHOWS,
  SHOW_CHARGE_DEADLINE_MS,
  SHOW_CHAT_MAX_CHARS,
  SHOW_MINIMUM_MINUTES_MAX,
  SHOW_MINUTE_MS,
  SHOW_RATE_MAX,
  SHOW_RATE_MIN,
  SHOW_REQUEST_TIMEOUT_MS,
  SHOW_SEAT_GRACE_MS,
} from './show-limits.ts';

const rate = z
  .number()
  .int('Whole tokens only')
  .min(SHOW_RATE_MIN, `At least ${SHOW_RATE_MIN} tokens a minute`)
  .max(SHOW_RATE_MAX, `At most ${SHOW_RATE_MAX} tokens a minute`);
/** 0 means "off" (no spying, no extra for cam-to-cam); otherwise a rate in the usual range. */
const rateOrOff = z
  .number()
  .int('Whole tokens only')
  .min(0)
  .max(SHOW_RATE_MAX, `At most ${SHOW_RATE_MAX} tokens a minute`)
  .refine((v) => v === 0 || v >= SHOW_RATE_MIN, `0 (off) or at least ${SHOW_RATE_MIN} tokens a minute`);

/** What kind of show: private (from a live room), group, or a one-to-one session while not live. */
export const ShowKind = z.enum(['private', 'group', 'session-video', 'session-voice', 'session-chat']);
export type ShowKind = z.infer<typeof ShowKind>;
export const SESSION_KINDS: readonly ShowKind[] = ['session-video', 'session-voice', 'session-chat'];
/** The kinds a viewer asks for (a group show is announced by the performer instead). */
export const RequestedKind = z.enum(['private', 'session-video', 'session-voice', 'session-chat']);
export type RequestedKind = z.infer<typeof RequestedKind>;

/** The performer's Paid shows settings: one schema for the studio form and the server. */
export const ShowSettings = z.object({
  /** Accept private shows from the public room. */
  privateOn: z.boolean(),
  privateRate: rate,
  /** Charged even if the viewer ends earlier (not if the performer does). */
  minimumMinutes: z.number().int().min(0).max(SHOW_MINIMUM_MINUTES_MAX, `At most ${SHOW_MINIMUM_MINUTES_MAX}`),
  /** Per minute to watch a private show's video without its chat; 0 = no spying. */
  spyRate: rateOrOff,
  groupRate: rate,
  /** Seats reserved before the performer can start a group show. */
  groupMinimum: z.number().int().min(2, 'At least 2').max(GROUP_MINIMUM_MAX, `At most ${GROUP_MINIMUM_MAX}`),
  camToCam: z.boolean(),
  /** Added per minute while the viewer's camera is on (0 = no extra). */
  camToCamRate: rateOrOff,
  /** While not live in public: "Available for sessions" (profile and directory show it). */
  sessionsAvailable: z.boolean(),
  sessionRates: z.object({ video: rate, voice: rate, chat: rate }),
  /** During a private show the public chat stays open or turns read-only. */
  publicChatDuringPrivate: z.enum(['open', 'read-only']),
});
export type ShowSettings = z.infer<typeof ShowSettings>;

export const DEFAULT_SHOW_SETTINGS: ShowSettings = {
  privateOn: false,
  privateRate: 60,
  minimumMinutes: 0,
  spyRate: 0,
  groupRate: 20,
  groupMinimum: 3,
  camToCam: false,
  camToCamRate: 0,
  sessionsAvailable: false,
  sessionRates: { video: 60, voice: 40, chat: 20 },
  publicChatDuringPrivate: 'open',
};

export const ShowSettingsResponse = z.object({ settings: ShowSettings });
export type ShowSettingsResponse = z.infer<typeof ShowSettingsResponse>;

/** The rate a viewer pays per minute for a kind, from the settings in force when the show starts. */
export function rateOf(settings: ShowSettings, kind: ShowKind): number {
  switch (kind) {
    case 'private':
      return settings.privateRate;
    case 'group':
      return settings.groupRate;
    case 'session-video':
      return settings.sessionRates.video;
    case 'session-voice':
      return settings.sessionRates.voice;
    case 'session-chat':
      return settings.sessionRates.chat;
  }
}

/** What anyone may know of the offer (room page buttons, profile): rates, never who is in a show. */
export const ShowOffer = z.object({
  privateOn: z.boolean(),
  privateRate: z.number().int(),
  minimumMinutes: z.number().int(),
  spyRate: z.number().int(),
  groupRate: z.number().int(),
  groupMinimum: z.number().int(),
  camToCam: z.boolean(),
  camToCamRate: z.number().int(),
  sessionsAvailable: z.boolean(),
  sessionRates: z.object({ video: z.number().int(), voice: z.number().int(), chat: z.number().int() }),
});
export type ShowOffer = z.infer<typeof ShowOffer>;

/** Where a show stands in the Room's state machine: requested -> running -> ended (or declined/timed out). */
export const ShowPhase = z.enum(['requested', 'announced', 'running', 'ended']);
export type ShowPhase = z.infer<typeof ShowPhase>;

/** How someone takes part: the private/session viewer, a group participant, a reserved seat, or a spy. */
export const SeatRole = z.enum(['viewer', 'participant', 'reserved', 'spy']);
export type SeatRole = z.infer<typeof SeatRole>;

/** Why a show (or one seat of it) ended: said to both sides. */
export const ShowEndReason = z.enum([
  /** The viewer (or a participant or spy, for their own seat) ended it. */
  'viewer',
  'performer',
  /** The wallet could not pay the next minute (after the 60 s warning). */
  'funds',
  /** A minute's charge could not be committed within SHOW_CHARGE_DEADLINE_MS of its boundary. */
  'billing',
  /** The performer's identity approval was revoked: minutes so far are settled. */
  'verification',
  /** The performer went offline (the public room closed): a private or group show ends with it. */
  'offline',
  /** The viewer was banned (or geo-blocked) from the room meanwhile. */
  'moderation',
  /** The seat holder's sockets were all gone past the grace (SHOW_SEAT_GRACE_MS): charged as of the drop. */
  'left',
  /** The seat holder was banned from the room: their seat ends at once (started minutes, no minimum). */
  'banned',
  /** The private show this spy watched ended. */
  'show-ended',
]);
export type ShowEndReason = z.infer<typeof ShowEndReason>;

/** Why a request ended without a show: nothing was charged. */
export const ShowDeclineReason = z.enum(['declined', 'timeout', 'withdrawn', 'another-accepted']);
export type ShowDeclineReason = z.infer<typeof ShowDeclineReason>;

/** A viewer as the performer sees them in a request or a seat; null when they asked to be anonymous. */
export const ShowPerson = z.object({ handle: z.string(), displayName: z.string() }).nullable();
export type ShowPerson = z.infer<typeof ShowPerson>;

/** A request waiting for the performer (the studio's prompt with its countdown). */
export const ShowRequestView = z.object({
  id: z.string(),
  kind: RequestedKind,
  viewer: ShowPerson,
  /** Tokens per minute agreed if accepted (the settings at request time; fixed at start). */
  rate: z.number().int(),
  minimumMinutes: z.number().int(),
  camToCam: z.boolean(),
  /** Room clock, epoch ms. */
  requestedAt: z.number().int(),
  expiresAt: z.number().int(),
});
export type ShowRequestView = z.infer<typeof ShowRequestView>;

/** One side's running figures (the timer and tokens spent or earned so far). */
export const ShowTally = z.object({
  /** Minutes paid into the hold so far (prepaid: includes the running minute, or the minimum). */
  minutesPaid: z.number().int(),
  tokens: z.number().int(),
});
export type ShowTally = z.infer<typeof ShowTally>;

/**
 * The room's show as everyone sees it (RoomEvent kind `shows`, and the snapshot): enough for public viewers
 * to show "In a private show" or "Group show in progress" and a placeholder instead of the video. It never
 * names the private viewer.
 */
export const PublicShow = z.object({
  id: z.string(),
  kind: ShowKind,
  phase: ShowPhase,
  /** Room clock, epoch ms; null until it starts. */
  startedAt: z.number().int().nullable(),
  /** Group: its rate, title, minimum and seats taken; spy rate for a private show (0 = no spying). */
  rate: z.number().int(),
  spyRate: z.number().int(),
  title: z.string(),
  minimum: z.number().int(),
  seats: z.number().int(),
  spies: z.number().int(),
  publicChat: z.enum(['open', 'read-only']),
  /** Set when the show allows cam-to-cam: what the viewer's camera adds per minute (fixed when asked). */
  camRate: z.number().int().optional(),
});
export type PublicShow = z.infer<typeof PublicShow>;

/** A seat in the current show, as its holder (and the performer) see it. */
export const SeatView = z.object({
  role: SeatRole,
  who: ShowPerson,
  rate: z.number().int(),
  joinedAt: z.number().int().nullable(),
  camOn: z.boolean(),
  /** To the performer only: the viewer's published camera (cam-to-cam) while it is on; pull it by this. */
  camPublication: z.string().nullable().optional(),
  tally: ShowTally,
  /** Set once the wallet cannot pay the next minute: the show (or seat) ends then. */
  endsAt: z.number().int().nullable(),
});
export type SeatView = z.infer<typeof SeatView>;

/** What the show sums up to, for one seat (the viewer's summary) or the whole show (the performer's). */
export const ShowSummary = z.object({
  showId: z.string(),
  kind: ShowKind,
  durationMs: z.number().int(),
  minutes: z.number().int(),
  tokens: z.number().int(),
  reason: ShowEndReason,
});
export type ShowSummary = z.infer<typeof ShowSummary>;

/**
 * The snapshot's `shows`: the offer, the current show (public view), your seat in it, and for the performer
 * the waiting requests and every seat. Minute length is here so pages count down the right minute.
 */
export const RoomShows = z.object({
  offer: ShowOffer.nullable(),
  current: PublicShow.nullable(),
  /** Your own seat in the current show (or your pending request's id). */
  mine: SeatView.nullable(),
  myRequest: ShowRequestView.nullable(),
  /** The performer only: requests waiting and every seat of the current show. */
  requests: z.array(ShowRequestView),
  seats: z.array(SeatView),
  minuteMs: z.number().int(),
});
export type RoomShows = z.infer<typeof RoomShows>;

const showId = z.string().min(1).max(64);

/**
 * Client -> Room messages, each with a clientId (the room protocol's ClientId) and answered `show.result` or
 * `rejected`. Fields here; wire/room.ts adds `type` and `clientId` in its union.
 */
export const ShowMessageFields = {
  /** A viewer asks for a private show (live) or a session (not live). */
  'show.request': z.object({
    kind: RequestedKind,
    anonymous: z.boolean().optional(),
    /** Ask for cam-to-cam from the start (only if the performer allows it). */
    camToCam: z.boolean().optional(),
  }),
  /** The performer answers a request. */
  'show.accept': z.object({ showId }),
  'show.decline': z.object({ showId }),
  /** Either side ends the show (a viewer: their request, seat, or the whole private show they pay). */
  'show.end': z.object({ showId }),
  /** Watch the running private show's video at the spy rate (no chat). */
  'show.spy': z.object({ showId }),
  /** A spy or group participant leaves (their seat ends; started minutes are charged), or a reservation goes. */
  'show.leave': z.object({ showId }),
  /** Cam-to-cam on or off (the paying viewer of a private show or session). */
  'show.cam': z.object({ showId, on: z.boolean() }),
  /** The show's own chat: the performer and the private viewer; in a group show, the participants. */
  'show.chat': z.object({ showId, text: shownText().trim().min(1).max(SHOW_CHAT_MAX_CHARS) }),
  /** The performer announces a group show (rate and minimum default to the settings). */
  'group.announce': z.object({
    title: shownText().trim().max(GROUP_TITLE_MAX_CHARS).default(''),
    rate: z.number().int().min(SHOW_RATE_MIN).max(SHOW_RATE_MAX).optional(),
    minimum: z.number().int().min(2).max(GROUP_MINIMUM_MAX).optional(),
  }),
  /** A viewer reserves a seat for free (announced), or joins a running group show (billed from now). */
  'group.reserve': z.object({ showId, anonymous: z.boolean().optional() }),
  'group.join': z.object({ showId, anonymous: z.boolean().optional() }),
  /** The performer starts the announced group show once the minimum is reserved. */
  'group.start': z.object({ showId }),
} as const;
export type ShowMessageType = keyof typeof ShowMessageFields;
export const SHOW_MESSAGE_TYPES = Object.keys(ShowMessageFields) as ShowMessageType[];

/** Why a show write was refused, beyond the room's usual reasons (added to RejectReason in wire/room.ts). */
export const ShowRejectReason = z.enum([
  /** A show is already requested by you, running, or the performer is busy. */
  'SHOW_BUSY',
  /** Private shows (or sessions, or spying, or cam-to-cam, or groups) are off, or the kind needs live/not live. */
  'SHOWS_OFF',
  'SPY_OFF',
  /** The performer's identity approval is not in force. */
  'NOT_VERIFIED',
  /** The viewer is blocked from the performer's country. */
  'GEO_BLOCKED',
  /** A group show's minimum is not reserved yet. */
  'BELOW_MINIMUM_SEATS',
]);
export type ShowRejectReason = z.infer<typeof ShowRejectReason>;

/** A show write landed: the show as you now see it, and your balance after a paid step. */
export const ShowResult = z.object({
  type: z.literal('show.result'),
  clientId: z.string(),
  status: z.literal('accepted'),
  shows: RoomShows,
  balance: z.number().int().optional(),
});

/**
 * Room -> one person's sockets (not the public log): the private side of a show. ServerMessage type
 * `show.event` carries one of these.
 */
export const ShowEvent = z.discriminatedUnion('kind', [
  /** To the performer: a new request (the prompt with its 60 s countdown). */
  z.object({ kind: z.literal('requested'), request: ShowRequestView }),
  /** To the viewer (and the performer's prompt goes): declined, timed out, withdrawn; nothing charged. */
  z.object({ kind: z.literal('declined'), showId: z.string(), reason: ShowDeclineReason }),
  /** To both sides: it started (the first minute, or the minimum, is paid). */
  z.object({ kind: z.literal('started'), show: PublicShow, seat: SeatView.nullable() }),
  /** To the payer (their tally and balance) and the performer (seat's tally): a minute was paid. */
  z.object({
    kind: z.literal('minute'),
    showId: z.string(),
    /** 0-based minute index just paid (from the seat's join). */
    minute: z.number().int(),
    seat: SeatView,
    balance: z.number().int().optional(),
  }),
  /** To both sides: the wallet cannot pay the next minute; the show (or seat) ends at `endsAt`. */
  z.object({ kind: z.literal('low-balance'), showId: z.string(), endsAt: z.number().int(), who: ShowPerson }),
  /** To both sides: it (or this seat) ended; the summary is this side's. */
  z.object({ kind: z.literal('ended'), summary: ShowSummary, who: ShowPerson }),
  /** To the performer: a spy or participant came or went (the seat count also goes out publicly). */
  z.object({ kind: z.literal('seat'), showId: z.string(), seat: SeatView, joined: z.boolean() }),
  /** To the performer: the viewer's camera went on or off (pull `cam` tracks from the media route). */
  z.object({ kind: z.literal('cam'), showId: z.string(), on: z.boolean(), who: ShowPerson }),
  /**
   * To the performer: the viewer's camera can be pulled now (`publication` changes with each publish), or
   * no longer (null: turned off, unpublished, or the seat ended). Pull it from the cam media route.
   */
  z.object({ kind: z.literal('cam-media'), showId: z.string(), publication: z.string().nullable() }),
  /** The show's chat (private: the two sides; group: everyone reads, participants write). */
  z.object({
    kind: z.literal('chat'),
    showId: z.string(),
    message: z.object({ id: z.string(), from: ShowPerson, performer: z.boolean(), text: z.string(), at: z.number() }),
  }),
]);
export type ShowEvent = z.infer<typeof ShowEvent>;

export const ShowEventFrame = z.object({ type: z.literal('show.event'), event: ShowEvent });

/** Media: who may pull which tracks while a show runs (workers/routes/media.ts asks the Room). */
export const ShowMediaAccess = z.enum([
  /** No show (or one that does not close the room): as before. */
  'public',
  /** A private/group show runs and you are not in it: the placeholder, not an error. */
  'closed',
  /** You hold a seat (viewer, participant, spy): pull the performer's tracks. */
  'seat',
]);
export type ShowMediaAccess = z.infer<typeof ShowMediaAccess>;
