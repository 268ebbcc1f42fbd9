import { z } from 'zod';
import { GoalBody } from '../../../wire/goals.ts';
import { GoLiveBody } from '../../../wire/live.ts';
import { CHAT_MAX_CHARS, ClientId } from '../../../wire/room.ts';
import { shownText } from '../../../wire/text.ts';
import { MenuBody } from '../../../wire/tip-menu.ts';
import { database } from '../../db/index.ts';
import { findPerformer } from '../../performers/profile.ts';
import { performerRoom, setGoalOf } from '../../rooms/performer-room.ts';
import { unwrapRoom } from '../../rooms/room-stub.ts';
import type { McpCaller } from '../scopes.ts';
import { READ, tool } from '../tool.ts';

/** The caller's own room (rooms are named by their performer's handle). */
export const roomOf = (env: Env, caller: McpCaller) =>
  performerRoom(env, { id: caller.performer.userId, handle: caller.performer.handle });

/** The room's state at a glance: the live show, the goal, the chat modes. Also the encore://room/state resource. */
export async function roomState(env: Env, caller: McpCaller) {
  const { stub } = roomOf(env, caller);
  const [live, goal, chatModes] = await Promise.all([stub.liveState(), stub.goal(), stub.chatModes()]);
  return { live, goal, chatModes };
}

/** Replaces what the performer had (title, menu, goal): destructive, and the same call twice changes nothing more. */
const REPLACE = { readOnlyHint: false, destructiveHint: true, idempotentHint: true };

/** Room: what the studio's live page reads and changes, through the same Room methods. */
export const roomTools = [
  tool({
    name: 'room_state',
    scope: 'room',
    title: 'Read room state',
    description:
      'Whether the room is live (title, tags, viewer count, start time), the current goal and the chat modes.',
    input: z.object({}),
    hints: READ,
    run: ({ env, caller }) => roomState(env, caller),
  }),
  tool({
    name: 'room_viewers',
    scope: 'room',
    title: 'List viewers',
    description: 'Who is in the room now: each signed-in person once (with their role), and how many guests.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ viewers: await roomOf(env, caller).stub.viewerList() }),
  }),
  tool({
    name: 'room_recent_chat',
    scope: 'room',
    title: 'Read recent chat',
    description: 'The latest chat messages, oldest first, with their ids (for deleting one) and authors.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ messages: await roomOf(env, caller).stub.recentChat() }),
  }),
  tool({
    name: 'room_send_chat',
    scope: 'room',
    title: 'Send chat message',
    description:
      'Say something in your room’s chat as yourself (the performer). The word filter and the chat pace apply. ' +
      'Give a clientId to make a retry land once.',
    input: z.object({
      text: shownText().trim().min(1).max(CHAT_MAX_CHARS),
      clientId: ClientId.optional(),
    }),
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    run: async ({ env, caller }, { text, clientId }) => {
      const { stub, owner } = roomOf(env, caller);
      const me = await findPerformer(database(env), caller.performer.handle);
      const id = clientId ?? `mcp_${crypto.randomUUID().replaceAll('-', '')}`;
      return { message: unwrapRoom(await stub.chatAsPerformer(owner, me.user.displayName, id, text)) };
    },
  }),
  tool({
    name: 'room_set_title',
    scope: 'room',
    title: 'Set show title and tags',
    description: 'Change the live show’s title and tags (at most 10). Only while live: going live stays in the studio.',
    input: GoLiveBody,
    hints: REPLACE,
    run: async ({ env, caller }, { title, tags }) => {
      const { stub, owner } = roomOf(env, caller);
      return { live: unwrapRoom(await stub.retitle(owner, title, tags)) };
    },
  }),
  tool({
    name: 'menu_read',
    scope: 'room',
    title: 'Read tip menu',
    description: 'The tip menu: each item’s id, label and price in tokens (1 token = 1 US cent).',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ items: await roomOf(env, caller).stub.tipMenu() }),
  }),
  tool({
    name: 'menu_replace',
    scope: 'room',
    title: 'Replace tip menu',
    description:
      'Replace the whole tip menu (at most 30 items: label and whole-token price; keep an item’s id to keep it ' +
      'the same item). The room sees the new menu at once. Items left out are removed.',
    input: MenuBody,
    hints: REPLACE,
    run: async ({ env, caller }, { items }) => {
      const { stub, owner } = roomOf(env, caller);
      return { items: await stub.setMenu(owner, items) };
    },
  }),
  tool({
    name: 'goal_read',
    scope: 'room',
    title: 'Read goal',
    description: 'The room’s goal (title, target, progress, escrow and deadline, status), or null.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ goal: await roomOf(env, caller).stub.goal() }),
  }),
  tool({
    name: 'goal_set',
    scope: 'room',
    title: 'Set goal',
    description:
      'Set the room’s goal in tokens, replacing the current one. A simple goal counts every tip. An escrowed ' +
      'goal (escrow: true, with an ISO deadline one minute to seven days ahead) holds its tips until reached; if ' +
      'the deadline passes first, they go back to the tippers. Replacing an open escrowed goal refunds its tips.',
    input: GoalBody,
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    run: async ({ env, caller }, body) => ({ goal: await setGoalOf(roomOf(env, caller), body) }),
  }),
  tool({
    name: 'goal_end',
    scope: 'room',
    title: 'End goal',
    description: 'End the room’s goal now. An open escrowed goal ends unmet: its tips go back to the tippers.',
    input: z.object({}),
    hints: REPLACE,
    run: async ({ env, caller }) => {
      const { stub, owner } = roomOf(env, caller);
      return { goal: await stub.endGoal(owner) };
    },
  }),
];
