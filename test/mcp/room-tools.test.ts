import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import type { Goal } from '../../wire/goals.ts';
import type { LiveState } from '../../wire/live.ts';
import type { ViewerList } from '../../wire/moderation.ts';
import type { ChatMessage } from '../../wire/room.ts';
import type { TipMenu } from '../../wire/tip-menu.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { type Browser, errorOf } from '../client.ts';
import { earningsBalance, walletOf } from '../money/fixtures.ts';
import { say } from '../room/moderation-helpers.ts';
import { clientId, drained, liveRoom, newRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

async function roomApp(live = true) {
  const room = live ? await liveRoom() : await newRoom();
  const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, ['room']);
  const viewer = await newViewer();
  const { socket } = await RoomSocket.join(room.handle, viewer.browser);
  return { ...room, client, viewer, socket };
}

/** The refusal the studio's own route gives for the same body, without its HTTP status. */
async function studioRefusal(performer: Browser, path: string, body: unknown) {
  const response = await performer.fetch(path, { method: 'PUT', json: body });
  const { status: _status, ...error } = await errorOf(response);
  return error;
}

describe('room tools', () => {
  it('reads the live state and retitles the live show, which the room sees at once', async () => {
    const { client, socket } = await roomApp();
    const before = await callOk<{ live: LiveState; goal: Goal | null }>(client, 'room_state');
    expect(before.live).toMatchObject({ live: true, title: 'Show', viewers: 1 });
    expect(before.goal).toBeNull();
    await callOk(client, 'room_set_title', { title: 'New lights', tags: ['Music', 'chill'] });
    const [event] = await socket.waitForEvents('show');
    expect(event).toEqual({ kind: 'show', live: true, title: 'New lights', tags: ['music', 'chill'] });
  });

  it('refuses to retitle an offline show, so an app never starts one', async () => {
    const { client, performer } = await roomApp(false);
    const refusal = await callRefused(client, 'room_set_title', { title: 'Sneaky start' });
    expect(refusal.code).toBe('NOT_LIVE');
    const state = (await (await performer.fetch('/api/studio/live')).json()) as LiveState;
    expect(state.live).toBe(false);
  });

  it('replaces the tip menu, which the room sees at once, and reads it back', async () => {
    const { client, socket } = await roomApp();
    const items = [
      { label: 'Song request', price: 100 },
      { label: 'Lights show', price: 500 },
    ];
    const { items: menu } = await callOk<{ items: TipMenu }>(client, 'menu_replace', { items });
    expect(menu.map((i) => [i.label, i.price])).toEqual([
      ['Song request', 100],
      ['Lights show', 500],
    ]);
    const [event] = await socket.waitForEvents('menu');
    expect(event?.menu).toEqual(menu);
    expect((await callOk<{ items: TipMenu }>(client, 'menu_read')).items).toEqual(menu);
  });

  it('refuses a menu the studio refuses, with the studio’s answer, and keeps the old menu', async () => {
    const { client, performer } = await roomApp();
    await callOk(client, 'menu_replace', { items: [{ label: 'Kept', price: 10 }] });
    const bad = { items: [{ label: 'Free', price: 0 }] };
    const refusal = await callRefused(client, 'menu_replace', bad);
    expect(refusal).toEqual(await studioRefusal(performer, '/api/studio/menu', bad));
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect((await callOk<{ items: TipMenu }>(client, 'menu_read')).items.map((i) => i.label)).toEqual(['Kept']);
  });

  it('sets, reads and ends a goal; the room sees each change', async () => {
    const { client, socket } = await roomApp();
    const { goal } = await callOk<{ goal: Goal }>(client, 'goal_set', { title: 'New lights', target: 500 });
    expect(goal).toMatchObject({ title: 'New lights', target: 500, progress: 0, escrow: false, status: 'open' });
    await socket.waitForEvents('goal');
    expect((await callOk<{ goal: Goal }>(client, 'goal_read')).goal).toEqual(goal);
    expect((await callOk<{ goal: Goal | null }>(client, 'goal_end')).goal).toBeNull();
    const events = await socket.waitForEvents('goal', 2);
    expect(events.at(-1)?.goal).toBeNull();
  });

  it('sets an escrowed goal with a deadline', async () => {
    const { client, socket } = await roomApp();
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    const { goal } = await callOk<{ goal: Goal }>(client, 'goal_set', {
      title: 'Escrowed',
      target: 300,
      escrow: true,
      deadline,
    });
    expect(goal).toMatchObject({ escrow: true, deadline: Date.parse(deadline), status: 'open' });
    const [event] = await socket.waitForEvents('goal');
    expect(event?.goal?.id).toBe(goal.id);
  });

  it('refuses the goals the studio refuses, with the studio’s answers', async () => {
    const { client, performer } = await roomApp();
    const soon = new Date(Date.now() + 5_000).toISOString();
    for (const bad of [
      { title: 'No deadline', target: 100, escrow: true },
      { title: 'Too soon', target: 100, escrow: true, deadline: soon },
      { title: 'Zero', target: 0 },
      { title: '', target: 10 },
    ]) {
      const refusal = await callRefused(client, 'goal_set', bad);
      expect(refusal).toEqual(await studioRefusal(performer, '/api/studio/goal', bad));
      expect(refusal.code).toBe('VALIDATION_FAILED');
    }
    expect((await callOk<{ goal: Goal | null }>(client, 'goal_read')).goal).toBeNull();
  });

  it('says something in chat as the performer, seen by viewers, listed in the recent chat', async () => {
    const { client, socket, handle } = await roomApp();
    const { message } = await callOk<{ message: { id: string } }>(client, 'room_send_chat', {
      text: 'Thanks for coming!',
    });
    const [event] = await socket.waitForEvents('chat');
    expect(event?.message).toMatchObject({ id: message.id, text: 'Thanks for coming!' });
    expect(event?.message.from).toMatchObject({ handle, role: 'performer' });
    const { messages } = await callOk<{ messages: ChatMessage[] }>(client, 'room_recent_chat');
    expect(messages.map((m) => m.id)).toEqual([message.id]);
  });

  it('posts a resent chat message once when the app gives a client id', async () => {
    const { client, socket, handle } = await roomApp();
    const id = clientId();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        callOk<{ message: { id: string } }>(client, 'room_send_chat', { text: 'Once', clientId: id }),
      ),
    );
    expect(new Set(answers.map((a) => a.message.id)).size).toBe(1);
    await drained(handle, socket);
    expect(socket.eventsOf('chat')).toHaveLength(1);
  });

  it('refuses a chat message the word filter stops, with the room socket’s code and message', async () => {
    const room = await liveRoom();
    const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, ['room', 'moderation']);
    await callOk(client, 'moderation_set_blocked_words', { words: ['spoiler'] });
    const refusal = await callRefused(client, 'room_send_chat', { text: 'Big S P O I L E R ahead' });
    const { socket } = await RoomSocket.join(room.handle, room.performer);
    const answer = await say(socket, 'Big S P O I L E R ahead');
    expect(answer).toMatchObject({ type: 'rejected', reason: 'FILTERED' });
    expect(refusal).toEqual({ code: 'FILTERED', message: answer.type === 'rejected' ? answer.message : '' });
    expect((await callOk<{ messages: ChatMessage[] }>(client, 'room_recent_chat')).messages).toEqual([]);
  });

  it('lists who is in the room, each person once', async () => {
    const { client, viewer } = await roomApp();
    const { viewers } = await callOk<{ viewers: ViewerList }>(client, 'room_viewers');
    expect(viewers.people).toEqual([{ handle: viewer.handle, displayName: viewer.displayName, role: 'viewer' }]);
    expect(viewers.anonymous).toBe(0);
  });

  it('ends an escrowed goal unmet, and its tips go back to the tipper with the ledger whole', async () => {
    const { client, handle, performerId } = await roomApp();
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    await callOk(client, 'goal_set', { title: 'Road trip', target: 1_000, escrow: true, deadline });
    const fan = await newViewer(100);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 40 });
    expect((await socket.next('tip.result', (m) => m.clientId === id)).status).toBe('accepted');
    expect(await walletOf(fan.userId)).toBe(60);
    expect((await callOk<{ goal: Goal | null }>(client, 'goal_end')).goal).toBeNull();
    await runDurableObjectAlarm(roomStub(handle));
    await vi.waitFor(async () => expect(await walletOf(fan.userId)).toBe(100));
    expect(await earningsBalance(performerId)).toBe(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('acts only on the caller’s own room: another room’s message is not found, and stays', async () => {
    const mine = await roomApp();
    const theirs = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(theirs.handle, fan.browser);
    const said = await say(socket, 'in their room');
    if (said.type !== 'chat.result') throw new Error('not said');
    const { client } = await connectedApp({ userId: mine.performerId, handle: mine.handle }, ['moderation']);
    const refusal = await callRefused(client, 'moderation_delete_message', { messageId: said.id });
    expect(refusal.code).toBe('INVALID');
    expect((await roomStub(theirs.handle).recentChat()).map((m) => m.id)).toEqual([said.id]);
  });

  it('does not restart a show that ended while a retitle waited on the identity check', async () => {
    const { handle, performerId } = await liveRoom();
    const owner = { handle, performerId };
    await runInDurableObject(roomStub(handle), async (room: Room) => {
      // The retitle awaits D1 (the identity gate); the show ends in that gap.
      const retitled = room.retitle(owner, 'Late title', []);
      const ended = room.goOffline(owner);
      expect(await retitled).toMatchObject({ ok: false, error: { code: 'NOT_LIVE' } });
      expect((await ended).live).toBe(false);
      expect(room.liveState().live).toBe(false);
    });
  });
});
