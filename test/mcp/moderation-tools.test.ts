import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ModerationLogEntry, ModerationPanel } from '../../wire/moderation.ts';
import { CloseCode } from '../../wire/room.ts';
import { moderate, outcome, panelOf, say } from '../room/moderation-helpers.ts';
import { liveRoom, newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

const APP = { id: 'app_claude', name: 'Claude Desktop' };

/** A live room with the performer's connected app (moderation and room scopes), a fan and the performer's page. */
async function moderatedRoom() {
  const room = await liveRoom();
  const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, ['moderation', 'room'], APP);
  const fan = await newViewer();
  const { socket: fanSocket } = await RoomSocket.join(room.handle, fan.browser);
  const { socket: stage } = await RoomSocket.join(room.handle, room.performer);
  return { ...room, client, fan, fanSocket, stage };
}

const logOf = async (client: Awaited<ReturnType<typeof connectedApp>>['client']) =>
  (await callOk<{ log: ModerationLogEntry[] }>(client, 'moderation_log')).log;

describe('moderation tools', () => {
  it('mutes and unmutes: the fan is refused then heard, and the log says via the app', async () => {
    const { client, fan, fanSocket, stage, handle } = await moderatedRoom();
    await callOk(client, 'moderation_mute', { handle: fan.handle });
    await fanSocket.next('standing', (m) => m.muted !== null);
    expect(outcome(await say(fanSocket, 'hello?'))).toBe('MUTED');
    await callOk(client, 'moderation_unmute', { handle: fan.handle });
    await fanSocket.next('standing', (m) => m.muted === null);
    expect(outcome(await say(fanSocket, 'thanks'))).toBe('accepted');
    const log = await logOf(client);
    expect(log.map((e) => [e.action, e.target, e.actor, e.actorRole, e.via])).toEqual([
      ['unmute', fan.handle, handle, 'performer', APP.name],
      ['mute', fan.handle, handle, 'performer', APP.name],
    ]);
    // The studio's own panel reads the same log, "via" included.
    expect((await panelOf(stage)).log.map((e) => e.via)).toEqual([APP.name, APP.name]);
  });

  it('times a fan out for the seconds given', async () => {
    const { client, fan, fanSocket } = await moderatedRoom();
    await callOk(client, 'moderation_timeout', { handle: fan.handle, seconds: 600 });
    const standing = await fanSocket.next('standing', (m) => m.muted !== null);
    expect(standing.muted?.until).toBeGreaterThan(Date.now() + 500_000);
    const panel = await callOk<Omit<ModerationPanel, 'log'>>(client, 'moderation_read');
    expect(panel.restrictions).toEqual([expect.objectContaining({ handle: fan.handle, kind: 'muted' })]);
    expect((await logOf(client))[0]).toMatchObject({ action: 'timeout', detail: '600 s', via: APP.name });
  });

  it('bans a fan, whose socket closes and who cannot come back until unbanned', async () => {
    const { client, fan, fanSocket, handle } = await moderatedRoom();
    await callOk(client, 'moderation_ban', { handle: fan.handle });
    expect((await fanSocket.closed).code).toBe(CloseCode.BANNED);
    const refused = await fan.browser.fetch(`/rooms/${handle}/ws`, { headers: { Upgrade: 'websocket' } });
    expect(refused.status).toBe(403);
    await callOk(client, 'moderation_unban', { handle: fan.handle });
    expect((await RoomSocket.join(handle, fan.browser)).welcome.type).toBe('welcome');
  });

  it('deletes a message and clears the chat for everyone', async () => {
    const { client, fanSocket, stage } = await moderatedRoom();
    const said = await say(fanSocket, 'delete me');
    if (said.type !== 'chat.result') throw new Error('not said');
    await callOk(client, 'moderation_delete_message', { messageId: said.id });
    expect((await stage.waitForEvents('chat.deleted'))[0]?.id).toBe(said.id);
    await callOk(client, 'moderation_clear_chat');
    await stage.waitForEvents('chat.cleared');
    expect((await logOf(client)).map((e) => e.action)).toEqual(['clear', 'delete']);
  });

  it('sets chat modes and blocked words, and appoints and dismisses a moderator', async () => {
    const { client, fan, fanSocket, stage } = await moderatedRoom();
    await callOk(client, 'moderation_set_chat_modes', { slowSeconds: 30, followersOnly: true });
    expect((await stage.waitForEvents('modes'))[0]?.modes).toEqual({
      slowSeconds: 30,
      followersOnly: true,
      tippersOnly: false,
      fanClubOnly: false,
    });
    await callOk(client, 'moderation_set_blocked_words', { words: ['Spoiler', 'leak'] });
    await callOk(client, 'moderation_appoint_moderator', { handle: fan.handle });
    await fanSocket.next('standing', (m) => m.you.role === 'moderator');
    let panel = await callOk<Omit<ModerationPanel, 'log'>>(client, 'moderation_read');
    expect(panel).toMatchObject({
      words: ['leak', 'spoiler'],
      moderators: [{ handle: fan.handle, displayName: fan.displayName }],
    });
    await callOk(client, 'moderation_dismiss_moderator', { handle: fan.handle });
    await fanSocket.next('standing', (m) => m.you.role === 'viewer');
    panel = await callOk<Omit<ModerationPanel, 'log'>>(client, 'moderation_read');
    expect(panel.moderators).toEqual([]);
  });

  it('refuses what the studio refuses, with the studio’s reason and message, and logs nothing', async () => {
    const { client, stage, handle } = await moderatedRoom();
    for (const action of [
      { kind: 'mute', handle },
      { kind: 'ban', handle: 'nobody_here_at_all' },
    ] as const) {
      const socketAnswer = await moderate(stage, action);
      if (socketAnswer.type !== 'rejected') throw new Error(`accepted ${JSON.stringify(action)}`);
      const refusal = await callRefused(client, `moderation_${action.kind}`, { handle: action.handle });
      expect(refusal).toEqual({ code: socketAnswer.reason, message: socketAnswer.message });
    }
    expect(await logOf(client)).toEqual([]);
  });

  it('answers malformed arguments with a tool error naming the field', async () => {
    const { client, fan } = await moderatedRoom();
    const refusal = await callRefused(client, 'moderation_timeout', { handle: fan.handle, seconds: 0 });
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', fields: { seconds: expect.any(String) } });
    expect((await callRefused(client, 'moderation_ban', {})).code).toBe('VALIDATION_FAILED');
    expect((await callRefused(client, 'moderation_set_chat_modes', { slowSeconds: 'fast' })).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('keeps a ban and its "via" across a Room restart', async () => {
    const { client, fan, handle } = await moderatedRoom();
    await callOk(client, 'moderation_ban', { handle: fan.handle });
    await evictDurableObject(roomStub(handle));
    const panel = await callOk<Omit<ModerationPanel, 'log'>>(client, 'moderation_read');
    expect(panel.restrictions).toEqual([expect.objectContaining({ handle: fan.handle, kind: 'banned' })]);
    expect((await logOf(client))[0]).toMatchObject({ action: 'ban', via: APP.name });
  });

  it('names the app in the log as a clean, short name, whatever it registered as', async () => {
    const room = await liveRoom();
    const fan = await newViewer();
    const sly = { id: 'app_sly', name: `Sly\u202Egnp.exe ${'x'.repeat(300)}` };
    const { client } = await connectedApp({ userId: room.performerId, handle: room.handle }, ['moderation'], sly);
    await callOk(client, 'moderation_mute', { handle: fan.handle });
    const [entry] = await logOf(client);
    expect(entry?.via).toBe(`Slygnp.exe ${'x'.repeat(89)}`);
  });
});
