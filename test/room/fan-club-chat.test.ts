import { describe, expect, it } from 'vitest';
import { makeMember, tellRoom } from './fan-club-helpers.ts';
import { moderate, outcome, panelOf, say } from './moderation-helpers.ts';
import { drained, liveRoom, newViewer, RoomSocket } from './room-socket.ts';

describe('fan-club-only chat', { timeout: 30_000 }, () => {
  it('lets members, the performer and moderators chat and refuses everyone else with FAN_CLUB_ONLY', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const member = await newViewer();
    const stranger = await newViewer();
    const mod = await newViewer();
    await makeMember(performerId, member.userId);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    expect(outcome(await moderate(stage, { kind: 'appoint', handle: mod.handle }))).toBe('accepted');
    expect(outcome(await moderate(stage, { kind: 'modes', modes: { fanClubOnly: true } }))).toBe('accepted');
    const { socket: a, welcome } = await RoomSocket.join(handle, member.browser);
    expect(welcome.snapshot.modes).toEqual({
      slowSeconds: 0,
      followersOnly: false,
      tippersOnly: false,
      fanClubOnly: true,
    });
    const { socket: b } = await RoomSocket.join(handle, stranger.browser);
    const { socket: m } = await RoomSocket.join(handle, mod.browser);
    expect(outcome(await say(a, 'members only, and I am one'))).toBe('accepted');
    expect(await say(b, 'let me in')).toMatchObject({
      type: 'rejected',
      of: 'chat.send',
      reason: 'FAN_CLUB_ONLY',
      message: 'Only fan-club members can chat right now',
    });
    expect(outcome(await say(stage, 'the performer is exempt'))).toBe('accepted');
    expect(outcome(await say(m, 'so are moderators'))).toBe('accepted');
    await drained(handle, b);
    expect(b.eventsOf('chat').map((e) => e.message.text)).not.toContain('let me in');
    // The moderation log says what changed.
    expect((await panelOf(stage)).log.find((e) => e.action === 'modes')?.detail).toBe('fan club only');
  });

  it('lets a viewer chat as soon as they join the club, without reconnecting', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const fan = await newViewer();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    await moderate(stage, { kind: 'modes', modes: { fanClubOnly: true } });
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect(await say(socket, 'hello?')).toMatchObject({ type: 'rejected', reason: 'FAN_CLUB_ONLY' });
    await makeMember(performerId, fan.userId);
    await tellRoom(handle, performerId, fan.userId);
    expect(outcome(await say(socket, 'joined!'))).toBe('accepted');
  });

  it('leaves fan-club-only on when another mode changes, and off when switched off', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    await moderate(stage, { kind: 'modes', modes: { fanClubOnly: true } });
    await moderate(stage, { kind: 'modes', modes: { slowSeconds: 5 } });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.modes).toMatchObject({ slowSeconds: 5, fanClubOnly: true });
    await moderate(stage, { kind: 'modes', modes: { fanClubOnly: false } });
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect(outcome(await say(socket, 'open again'))).toBe('accepted');
  });

  it('refuses the switch from a viewer', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect(await moderate(socket, { kind: 'modes', modes: { fanClubOnly: true } })).toMatchObject({
      type: 'rejected',
      reason: 'FORBIDDEN',
    });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.modes.fanClubOnly).toBe(false);
  });
});
