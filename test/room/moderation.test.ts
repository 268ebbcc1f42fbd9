import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../wire/room.ts';
import { ORIGIN } from '../client.ts';
import { moderate, outcome, panelOf, say } from './moderation-helpers.ts';
import { drained, expectNoError, later, newRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

/** A room with its performer's socket, a moderator and a viewer, all joined. */
async function staffedRoom() {
  const room = await newRoom();
  const { socket: stage } = await RoomSocket.join(room.handle, room.performer);
  const mod = await newViewer();
  const fan = await newViewer();
  const { socket: modSocket } = await RoomSocket.join(room.handle, mod.browser);
  const { socket: fanSocket } = await RoomSocket.join(room.handle, fan.browser);
  expect(outcome(await moderate(stage, { kind: 'appoint', handle: mod.handle }))).toBe('accepted');
  await modSocket.next('standing', (m) => m.you.role === 'moderator');
  return { ...room, stage, mod, modSocket, fan, fanSocket };
}

const upgrade = (handle: string, browser: { fetch: (path: string, init?: RequestInit) => Promise<Response> }) =>
  browser.fetch(`/rooms/${handle}/ws`, { headers: { Upgrade: 'websocket', Origin: ORIGIN } });

describe('moderators', { timeout: 20_000 }, () => {
  it('the performer appoints a moderator, who then chats as one and sees the panel; dismissing ends it', async () => {
    const { handle, stage, mod, modSocket } = await staffedRoom();
    const said = await say(modSocket, 'hi all');
    expect(said.type).toBe('chat.result');
    const [chat] = await stage.waitForEvents('chat');
    expect(chat?.message.from).toMatchObject({ handle: mod.handle, role: 'moderator' });
    expect((await panelOf(modSocket)).moderators).toEqual([{ handle: mod.handle, displayName: mod.displayName }]);
    // A moderator who comes back later is still one.
    expect((await RoomSocket.join(handle, mod.browser)).welcome.you?.role).toBe('moderator');

    expect(outcome(await moderate(stage, { kind: 'dismiss', handle: mod.handle }))).toBe('accepted');
    await modSocket.next('standing', (m) => m.you.role === 'viewer');
    expect(await moderate(modSocket, { kind: 'clear' })).toMatchObject({ type: 'rejected', reason: 'FORBIDDEN' });
  });

  it('a viewer cannot moderate, read the panel or the viewer list', async () => {
    const { fanSocket, mod } = await staffedRoom();
    expect(await moderate(fanSocket, { kind: 'mute', handle: mod.handle })).toMatchObject({
      type: 'rejected',
      of: 'mod.action',
      reason: 'FORBIDDEN',
    });
    expect(await moderate(fanSocket, { kind: 'clear' })).toMatchObject({ type: 'rejected', reason: 'FORBIDDEN' });
    for (const type of ['mod.panel', 'mod.viewers'] as const) {
      const id = `c_${crypto.randomUUID().replaceAll('-', '')}`;
      fanSocket.send({ type, clientId: id });
      expect(await fanSocket.next('rejected', (m) => m.clientId === id)).toMatchObject({
        of: type,
        reason: 'FORBIDDEN',
      });
    }
    expectNoError(fanSocket);
  });

  it('moderators cannot act on the performer or on each other, nor appoint', async () => {
    const { handle, stage, modSocket, fan } = await staffedRoom();
    const other = await newViewer();
    const { socket: otherSocket } = await RoomSocket.join(handle, other.browser);
    await moderate(stage, { kind: 'appoint', handle: other.handle });
    await otherSocket.next('standing', (m) => m.you.role === 'moderator');
    const performerHandle = handle;
    for (const action of [
      { kind: 'mute', handle: other.handle },
      { kind: 'ban', handle: other.handle },
      { kind: 'timeout', handle: other.handle, seconds: 60 },
      { kind: 'ban', handle: performerHandle },
      { kind: 'mute', handle: performerHandle },
      { kind: 'appoint', handle: fan.handle },
      { kind: 'dismiss', handle: other.handle },
    ] as const) {
      expect(await moderate(modSocket, action), JSON.stringify(action)).toMatchObject({
        type: 'rejected',
        reason: 'FORBIDDEN',
      });
    }
    const performerSaid = await say(stage, 'my message');
    const otherSaid = await say(otherSocket, 'mod message');
    if (performerSaid.type !== 'chat.result' || otherSaid.type !== 'chat.result') throw new Error('not posted');
    expect(await moderate(modSocket, { kind: 'delete', messageId: performerSaid.id })).toMatchObject({
      type: 'rejected',
      reason: 'FORBIDDEN',
    });
    expect(await moderate(modSocket, { kind: 'delete', messageId: otherSaid.id })).toMatchObject({
      type: 'rejected',
      reason: 'FORBIDDEN',
    });
    expect(outcome(await say(otherSocket, 'still talking'))).toBe('accepted');
    // Nor can the performer be moderated by the performer.
    expect(await moderate(stage, { kind: 'ban', handle: performerHandle })).toMatchObject({
      type: 'rejected',
      reason: 'FORBIDDEN',
    });
    expect(await moderate(stage, { kind: 'mute', handle: 'nobody_by_this_name' })).toMatchObject({
      type: 'rejected',
      reason: 'INVALID',
    });
  });
});

describe('mute, time-out, ban', { timeout: 20_000 }, () => {
  it('a muted viewer is told at once and refused MUTED; others chat on; unmute lets them back', async () => {
    const { handle, modSocket, fan, fanSocket } = await staffedRoom();
    const bystander = await newViewer();
    const { socket: other } = await RoomSocket.join(handle, bystander.browser);
    expect(outcome(await moderate(modSocket, { kind: 'mute', handle: fan.handle }))).toBe('accepted');
    expect(await fanSocket.next('standing')).toMatchObject({ you: { handle: fan.handle }, muted: { until: null } });
    expect(await say(fanSocket, 'hello?')).toMatchObject({ type: 'rejected', reason: 'MUTED' });
    expect(outcome(await say(other, 'I can talk'))).toBe('accepted');
    // A new tab learns it on joining.
    const { socket: tab } = await RoomSocket.join(handle, fan.browser);
    expect(await tab.next('standing')).toMatchObject({ muted: { until: null } });

    expect(outcome(await moderate(modSocket, { kind: 'unmute', handle: fan.handle }))).toBe('accepted');
    await fanSocket.next('standing', (m) => m.muted === null);
    expect(outcome(await say(fanSocket, 'back'))).toBe('accepted');
    expectNoError(other);
  });

  it('a time-out ends by itself', async () => {
    const { handle, modSocket, fan, fanSocket } = await staffedRoom();
    expect(outcome(await moderate(modSocket, { kind: 'timeout', handle: fan.handle, seconds: 1 }))).toBe('accepted');
    const standing = await fanSocket.next('standing');
    expect(standing.muted?.until).toBeGreaterThan(Date.now() - 1_000);
    expect(await say(fanSocket, 'too soon')).toMatchObject({ type: 'rejected', reason: 'MUTED' });
    await later(handle, 1_100);
    expect(outcome(await say(fanSocket, 'served my time'))).toBe('accepted');
  });

  it('a ban closes every socket of the user, refuses them at the door until unbanned, spares others', async () => {
    const { handle, stage, modSocket, fan, fanSocket } = await staffedRoom();
    const { socket: secondTab } = await RoomSocket.join(handle, fan.browser);
    const { socket: watcher } = await RoomSocket.join(handle);
    expect(outcome(await moderate(modSocket, { kind: 'ban', handle: fan.handle }))).toBe('accepted');
    expect((await fanSocket.closed).code).toBe(CloseCode.BANNED);
    expect((await secondTab.closed).code).toBe(CloseCode.BANNED);

    // The page cannot read a refused upgrade's reason, so it asks the API (another device included).
    const standing = async (browser: typeof fan.browser) =>
      (await browser.fetch(`/api/rooms/${handle}/standing`)).json();
    expect(await standing(fan.browser)).toEqual({ banned: true });
    expect(await standing((await newViewer()).browser)).toEqual({ banned: false });
    const refused = await upgrade(handle, fan.browser);
    expect(refused.status).toBe(403);
    expect(refused.webSocket).toBeFalsy();
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await panelOf(stage)).restrictions).toEqual([
      { handle: fan.handle, displayName: fan.displayName, kind: 'banned', until: null },
    ]);

    expect(outcome(await say(modSocket, 'life goes on'))).toBe('accepted');
    await watcher.waitForEvents('chat');
    expectNoError(watcher);

    expect(outcome(await moderate(stage, { kind: 'unban', handle: fan.handle }))).toBe('accepted');
    expect(await standing(fan.browser)).toEqual({ banned: false });
    const { socket: again } = await RoomSocket.join(handle, fan.browser);
    expect(outcome(await say(again, 'thanks'))).toBe('accepted');
  });
});

describe('deleting and clearing', { timeout: 20_000 }, () => {
  it('a deleted message vanishes for everyone, from the history and from a replay', async () => {
    const { handle, modSocket, fanSocket } = await staffedRoom();
    const { socket: watcher, welcome } = await RoomSocket.join(handle);
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      const answer = await say(fanSocket, text);
      if (answer.type !== 'chat.result') throw new Error('not posted');
      ids.push(answer.id);
    }
    await watcher.waitForEvents('chat', 3);
    expect(outcome(await moderate(modSocket, { kind: 'delete', messageId: ids[1]! }))).toBe('accepted');
    expect((await watcher.waitForEvents('chat.deleted'))[0]?.id).toBe(ids[1]);
    expect((await fanSocket.waitForEvents('chat.deleted'))[0]?.id).toBe(ids[1]);
    expect((await RoomSocket.join(handle)).welcome.snapshot.chat.map((m) => m.text)).toEqual(['one', 'three']);
    // A client that missed it all is replayed the message and its deletion, in order.
    const { welcome: resumed } = await RoomSocket.join(handle, undefined, welcome.snapshot.seq);
    const kinds = resumed.missed.map((e) => e.event.kind).filter((k) => k.startsWith('chat'));
    expect(kinds).toEqual(['chat', 'chat', 'chat', 'chat.deleted']);
    expect(await moderate(modSocket, { kind: 'delete', messageId: ids[1]! })).toMatchObject({
      type: 'rejected',
      reason: 'INVALID',
    });
  });

  it('clearing the chat empties it for everyone and for newcomers', async () => {
    const { handle, stage, fanSocket } = await staffedRoom();
    for (const text of ['one', 'two']) await say(fanSocket, text);
    expect(outcome(await moderate(stage, { kind: 'clear' }))).toBe('accepted');
    await fanSocket.waitForEvents('chat.cleared');
    expect((await RoomSocket.join(handle)).welcome.snapshot.chat).toEqual([]);
    expect(outcome(await say(fanSocket, 'fresh start'))).toBe('accepted');
    expect((await RoomSocket.join(handle)).welcome.snapshot.chat.map((m) => m.text)).toEqual(['fresh start']);
  });
});

describe('the moderation log and the viewer list', { timeout: 20_000 }, () => {
  it('writes every action to the log, newest first, for the performer and moderators', async () => {
    const { handle, stage, mod, modSocket, fan } = await staffedRoom();
    await moderate(modSocket, { kind: 'timeout', handle: fan.handle, seconds: 300 });
    await moderate(modSocket, { kind: 'modes', modes: { slowSeconds: 10 } });
    await moderate(stage, { kind: 'ban', handle: fan.handle });
    const log = (await panelOf(stage)).log;
    expect(
      log.map(({ actor, actorRole, action, target, detail }) => ({ actor, actorRole, action, target, detail })),
    ).toEqual([
      { actor: handle, actorRole: 'performer', action: 'ban', target: fan.handle, detail: null },
      { actor: mod.handle, actorRole: 'moderator', action: 'modes', target: null, detail: 'slow 10 s' },
      { actor: mod.handle, actorRole: 'moderator', action: 'timeout', target: fan.handle, detail: '300 s' },
      { actor: handle, actorRole: 'performer', action: 'appoint', target: mod.handle, detail: null },
    ]);
    expect((await panelOf(modSocket)).log).toHaveLength(4);
  });

  it('lists who is in the room (each person once, guests counted) to the performer and moderators only', async () => {
    const { handle, stage, mod, modSocket, fan } = await staffedRoom();
    await RoomSocket.join(handle, fan.browser);
    await RoomSocket.join(handle);
    await RoomSocket.join(handle);
    for (const socket of [stage, modSocket]) {
      const id = `c_${crypto.randomUUID().replaceAll('-', '')}`;
      socket.send({ type: 'mod.viewers', clientId: id });
      const { viewers } = await socket.next('mod.viewers', (m) => m.clientId === id);
      expect(viewers.anonymous).toBe(2);
      expect(viewers.people.map((p) => [p.handle, p.role])).toEqual([
        [handle, 'performer'],
        [mod.handle, 'moderator'],
        [fan.handle, 'viewer'],
      ]);
    }
    // Nobody else ever receives it.
    const { socket: guest } = await RoomSocket.join(handle);
    await drained(handle, guest);
    expect(guest.received.some((m) => m.type === 'mod.viewers')).toBe(false);
  });
});

describe('the admin dashboard’s calls', { timeout: 20_000 }, () => {
  it('deletes a message, clears the chat and disconnects a suspended user', async () => {
    const { handle, fan, fanSocket, stage } = await staffedRoom();
    const said = await say(fanSocket, 'against the rules');
    if (said.type !== 'chat.result') throw new Error('not posted');
    const admin = { label: 'admin@encore.test', role: 'admin' } as const;
    expect(await roomStub(handle).moderate(admin, { kind: 'delete', messageId: said.id })).toEqual({ ok: true });
    expect((await stage.waitForEvents('chat.deleted'))[0]?.id).toBe(said.id);
    expect(await roomStub(handle).moderate(admin, { kind: 'clear' })).toEqual({ ok: true });
    await stage.waitForEvents('chat.cleared');
    expect((await panelOf(stage)).log.slice(0, 2).map((e) => [e.actor, e.actorRole, e.action])).toEqual([
      ['admin@encore.test', 'admin', 'clear'],
      ['admin@encore.test', 'admin', 'delete'],
    ]);
    expect(await roomStub(handle).disconnectUser(fan.userId)).toBe(1);
    expect((await fanSocket.closed).code).toBe(CloseCode.SUSPENDED);
    expectNoError(stage);
  });
});

describe('after the Room restarts', { timeout: 20_000 }, () => {
  it('keeps moderators, mutes, bans, slow mode and the word list; hibernated sockets keep their roles', async () => {
    const { handle, stage, mod, modSocket, fan, fanSocket } = await staffedRoom();
    const banned = await newViewer();
    await moderate(stage, { kind: 'ban', handle: banned.handle });
    await moderate(stage, { kind: 'mute', handle: fan.handle });
    await moderate(stage, { kind: 'words', words: ['forbidden'] });
    await moderate(stage, { kind: 'modes', modes: { slowSeconds: 60 } });
    expect(outcome(await say(modSocket, 'before'))).toBe('accepted');
    await evictDurableObject(roomStub(handle));

    expect(await say(fanSocket, 'still muted?')).toMatchObject({ type: 'rejected', reason: 'MUTED' });
    expect(await say(modSocket, 'f o r b i d d e n')).toMatchObject({ type: 'rejected', reason: 'FILTERED' });
    // The moderator is still exempt from slow mode, and still a moderator.
    expect(outcome(await say(modSocket, 'after'))).toBe('accepted');
    expect(outcome(await moderate(modSocket, { kind: 'unmute', handle: fan.handle }))).toBe('accepted');
    // Slow mode counts from the viewer's last message even across the restart.
    expect(outcome(await say(fanSocket, 'unmuted'))).toBe('accepted');
    await evictDurableObject(roomStub(handle));
    expect(await say(fanSocket, 'again')).toMatchObject({ type: 'rejected', reason: 'SLOW_MODE' });
    expect((await upgrade(handle, banned.browser)).status).toBe(403);
    const { welcome } = await RoomSocket.join(handle, mod.browser);
    expect(welcome.you?.role).toBe('moderator');
    expect(welcome.snapshot.modes.slowSeconds).toBe(60);
  });
});
