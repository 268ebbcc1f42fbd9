import { z } from 'zod';
import { Handle } from './account.ts';
import { shownText } from './text.ts';

/**
 * Moderation, chat modes, the viewer list and reports, as they travel over the room socket
 * (wire/room.ts carries them in its unions). Kept apart so the room protocol stays readable.
 */

/** Chat modes the performer (and moderators) switch on; performer and moderators are exempt. */
export const SLOW_MODE_MAX_SECONDS = 600;
export const ChatModes = z.object({
  /** Seconds a viewer waits between messages; 0 is off. */
  slowSeconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS),
  followersOnly: z.boolean(),
  tippersOnly: z.boolean(),
  /** Only members of the performer's fan club may chat (modes saved before it existed read as off). */
  fanClubOnly: z.boolean().default(false),
});
export type ChatModes = z.infer<typeof ChatModes>;
export const NO_CHAT_MODES: ChatModes = {
  slowSeconds: 0,
  followersOnly: false,
  tippersOnly: false,
  fanClubOnly: false,
};

/**
 * A change to some modes: what is left out stays as it is (the default above must not switch
 * fan-club-only off when only slow mode changes).
 */
export const ChatModeChange = ChatModes.partial().extend({ fanClubOnly: z.boolean().optional() });
export type ChatModeChange = z.infer<typeof ChatModeChange>;

/** The performer's own filtered words (the platform's list is added to it). */
export const FILTER_WORDS_MAX = 200;
export const FilterWord = shownText().trim().min(1).max(40);

export const TIMEOUT_MIN_SECONDS = 1;
export const TIMEOUT_MAX_SECONDS = 7 * 24 * 60 * 60;

/** One thing a performer, moderator or admin does to the room. */
export const ModerationAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mute'), handle: Handle }),
  z.object({ kind: z.literal('unmute'), handle: Handle }),
  z.object({
    kind: z.literal('timeout'),
    handle: Handle,
    seconds: z.number().int().min(TIMEOUT_MIN_SECONDS).max(TIMEOUT_MAX_SECONDS),
  }),
  z.object({ kind: z.literal('ban'), handle: Handle }),
  z.object({ kind: z.literal('unban'), handle: Handle }),
  z.object({ kind: z.literal('delete'), messageId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('clear') }),
  /** Performer only: appoint or dismiss a moderator. */
  z.object({ kind: z.literal('appoint'), handle: Handle }),
  z.object({ kind: z.literal('dismiss'), handle: Handle }),
  z.object({ kind: z.literal('modes'), modes: ChatModeChange }),
  /** Performer only: replaces the room's own word list. */
  z.object({ kind: z.literal('words'), words: z.array(FilterWord).max(FILTER_WORDS_MAX) }),
]);
export type ModerationAction = z.infer<typeof ModerationAction>;
export type ModerationKind = ModerationAction['kind'];

/** One line of the room's moderation log. */
export const ModerationLogEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  /** A handle, or an admin's label. */
  actor: z.string(),
  actorRole: z.enum(['performer', 'moderator', 'admin']),
  action: z.string(),
  /** The handle acted on, when the action was about a person. */
  target: z.string().nullable(),
  /** Duration, the deleted message's text, the new modes: whatever explains the action. */
  detail: z.string().nullable(),
  /** The connected app (MCP client) the performer acted through, shown as "via <name>". */
  via: z.string().nullable().optional(),
});
export type ModerationLogEntry = z.infer<typeof ModerationLogEntry>;

export const Moderator = z.object({ handle: z.string(), displayName: z.string() });
export type Moderator = z.infer<typeof Moderator>;

/** Someone muted (with `until` for a time-out) or banned from the room. */
export const Restriction = z.object({
  handle: z.string(),
  displayName: z.string(),
  kind: z.enum(['muted', 'banned']),
  until: z.number().int().nullable(),
});
export type Restriction = z.infer<typeof Restriction>;

/** What the studio's moderation panel shows; for the performer and moderators only. */
export const ModerationPanel = z.object({
  moderators: z.array(Moderator),
  restrictions: z.array(Restriction),
  words: z.array(z.string()),
  modes: ChatModes,
  log: z.array(ModerationLogEntry),
});
export type ModerationPanel = z.infer<typeof ModerationPanel>;

/** Who is in the room, each signed-in person once; guests only counted. */
export const ViewerList = z.object({
  people: z.array(
    z.object({ handle: z.string(), displayName: z.string(), role: z.enum(['viewer', 'moderator', 'performer']) }),
  ),
  anonymous: z.number().int(),
});
export type ViewerList = z.infer<typeof ViewerList>;

/** Why a viewer reports; also the `reports.reason` CHECK (workers/db/safety-schema.ts REPORT_REASONS). */
export const REPORT_REASONS = [
  'harassment',
  'hate',
  'minor',
  'non_consensual',
  'violence',
  'spam',
  'scam',
  'other',
] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;
export const REPORT_TEXT_MAX = 500;

/** A viewer's own standing in the room, sent when it changes (appointed, muted, unmuted). */
export const Muted = z.object({ until: z.number().int().nullable() }).nullable();
export type Muted = z.infer<typeof Muted>;

/**
 * What a report stores as evidence (D1 `reports.evidence`), as the Room saw it at that moment.
 * Chat messages are kept as sent (wire/room.ts ChatMessage), with their room sequence numbers.
 */
const EvidenceMessage = z.object({
  seq: z.number().int(),
  message: z.object({
    id: z.string(),
    from: z.object({ handle: z.string(), displayName: z.string(), role: z.string() }),
    text: z.string(),
    mentions: z.array(z.string()),
    at: z.number().int(),
  }),
});
export const ReportEvidence = z.object({
  capturedAt: z.string(),
  room: z.object({
    handle: z.string(),
    live: z.boolean(),
    title: z.string(),
    tags: z.array(z.string()),
    viewers: z.number().int(),
    modes: ChatModes,
  }),
  /** The reported message; null for a report about the room. */
  message: EvidenceMessage.nullable(),
  /** The last 50 messages, oldest first. */
  chat: z.array(EvidenceMessage),
});
export type ReportEvidence = z.infer<typeof ReportEvidence>;
