import { z } from 'zod';
import { Handle } from '../../../wire/account.ts';
import {
  ChatModeChange,
  FILTER_WORDS_MAX,
  FilterWord,
  type ModerationAction,
  TIMEOUT_MAX_SECONDS,
  TIMEOUT_MIN_SECONDS,
} from '../../../wire/moderation.ts';
import { unwrapRoom } from '../../rooms/room-stub.ts';
import { READ, type Tool, type ToolContext, type ToolHints, tool } from '../tool.ts';
import { roomOf } from './room.ts';

/** What the performer's own moderation log keeps (the Room holds 2,000 lines). */
const LOG_MAX = 200;

/** Acts as the performer through the Room's moderation, which logs it "via <app name>". */
async function moderate({ env, caller }: ToolContext, action: ModerationAction) {
  const { stub, owner } = roomOf(env, caller);
  unwrapRoom(await stub.moderateVia(owner, caller.client.name, action));
  return { done: action.kind };
}

const person = z.object({ handle: Handle.describe('Their handle, without the @') });
const TAKES_AWAY: ToolHints = { readOnlyHint: false, destructiveHint: true, idempotentHint: true };
const GIVES_BACK: ToolHints = { readOnlyHint: false, destructiveHint: false, idempotentHint: true };

/** One tool per action on a person: the same rules as the studio panel's buttons. */
function onPerson(
  kind: 'mute' | 'unmute' | 'ban' | 'unban' | 'appoint' | 'dismiss',
  name: string,
  title: string,
  description: string,
  hints: ToolHints,
): Tool {
  return tool({
    name,
    scope: 'moderation',
    title,
    description,
    input: person,
    hints,
    run: (context, { handle }) => moderate(context, { kind, handle }),
  });
}

/** Moderation: the studio panel's actions and reads, done by the Room as the performer, logged with the app. */
export const moderationTools = [
  onPerson('mute', 'moderation_mute', 'Mute', 'Mute someone in your room until unmuted.', TAKES_AWAY),
  onPerson('unmute', 'moderation_unmute', 'Unmute', 'Let a muted or timed-out person chat again.', GIVES_BACK),
  tool({
    name: 'moderation_timeout',
    scope: 'moderation',
    title: 'Time out',
    description: 'Mute someone for a number of seconds (1 second to 7 days); they can chat again after.',
    input: person.extend({ seconds: z.number().int().min(TIMEOUT_MIN_SECONDS).max(TIMEOUT_MAX_SECONDS) }),
    hints: TAKES_AWAY,
    run: (context, { handle, seconds }) => moderate(context, { kind: 'timeout', handle, seconds }),
  }),
  onPerson(
    'ban',
    'moderation_ban',
    'Ban',
    'Ban someone from your room: their sockets and video close now and they cannot come back until unbanned.',
    TAKES_AWAY,
  ),
  onPerson('unban', 'moderation_unban', 'Unban', 'Lift a ban: they can enter your room again.', GIVES_BACK),
  onPerson(
    'appoint',
    'moderation_appoint_moderator',
    'Appoint moderator',
    'Make someone a moderator of your room.',
    GIVES_BACK,
  ),
  onPerson(
    'dismiss',
    'moderation_dismiss_moderator',
    'Dismiss moderator',
    'Take away someone’s moderator role in your room.',
    TAKES_AWAY,
  ),
  tool({
    name: 'moderation_delete_message',
    scope: 'moderation',
    title: 'Delete chat message',
    description: 'Delete one chat message by its id (room_recent_chat lists them); it disappears for everyone.',
    input: z.object({ messageId: z.string().min(1).max(64) }),
    hints: TAKES_AWAY,
    run: (context, { messageId }) => moderate(context, { kind: 'delete', messageId }),
  }),
  tool({
    name: 'moderation_clear_chat',
    scope: 'moderation',
    title: 'Clear chat',
    description: 'Clear the whole chat for everyone in the room.',
    input: z.object({}),
    hints: TAKES_AWAY,
    run: (context) => moderate(context, { kind: 'clear' }),
  }),
  tool({
    name: 'moderation_set_chat_modes',
    scope: 'moderation',
    title: 'Set chat modes',
    description:
      'Switch chat modes: slowSeconds (0 is off, at most 600), followersOnly, tippersOnly, fanClubOnly. Modes ' +
      'left out stay as they are. You and your moderators are exempt.',
    input: ChatModeChange,
    hints: GIVES_BACK,
    run: (context, modes) => moderate(context, { kind: 'modes', modes }),
  }),
  tool({
    name: 'moderation_set_blocked_words',
    scope: 'moderation',
    title: 'Set blocked words',
    description:
      'Replace your room’s own list of blocked words (at most 200; the platform’s list always applies too). ' +
      'Matching ignores case, spacing and look-alike letters.',
    input: z.object({ words: z.array(FilterWord).max(FILTER_WORDS_MAX) }),
    hints: TAKES_AWAY,
    run: (context, { words }) => moderate(context, { kind: 'words', words }),
  }),
  tool({
    name: 'moderation_read',
    scope: 'moderation',
    title: 'Read moderation settings',
    description: 'Your moderators, who is muted, timed out or banned, your blocked words and the chat modes.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => {
      const { log: _log, ...panel } = await roomOf(env, caller).stub.moderationPanel(0);
      return panel;
    },
  }),
  tool({
    name: 'moderation_log',
    scope: 'moderation',
    title: 'Read moderation log',
    description:
      'The room’s moderation log, newest first: who did what to whom and when, with "via" naming the app used.',
    input: z.object({ limit: z.number().int().min(1).max(LOG_MAX).default(50) }),
    hints: READ,
    run: async ({ env, caller }, { limit }) => ({ log: (await roomOf(env, caller).stub.moderationPanel(limit)).log }),
  }),
];
