import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { makeMember, tellRoom } from './fan-club-helpers.ts';
import { outcome, say } from './moderation-helpers.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

describe('the fan-club badge in the performer’s room chat', { timeout: 30_000 }, () => {
  it('shows on a member’s chat lines, live, in the history replay and in a newcomer’s snapshot', async () => {
    const { handle, performerId } = await liveRoom();
    const member = await newViewer();
    const other = await newViewer();
    await makeMember(performerId, member.userId);
    const { socket: watcher } = await RoomSocket.join(handle);
    const { socket: a, welcome } = await RoomSocket.join(handle, member.browser);
    expect(welcome.you).toMatchObject({ handle: member.handle, fanClub: true });
    const { socket: b } = await RoomSocket.join(handle, other.browser);
    expect(outcome(await say(a, 'member here'))).toBe('accepted');
    expect(outcome(await say(b, 'not a member'))).toBe('accepted');
    await watcher.waitForEvents('chat', 2);
    const lines = watcher.eventsOf('chat').map((e) => e.message);
    expect(lines.find((m) => m.text === 'member here')?.from).toMatchObject({ handle: member.handle, fanClub: true });
    expect(lines.find((m) => m.text === 'not a member')?.from).not.toHaveProperty('fanClub');

    const { welcome: fresh } = await RoomSocket.join(handle);
    const byText = new Map(fresh.snapshot.chat.map((m) => [m.text, m.from]));
    expect(byText.get('member here')).toMatchObject({ fanClub: true });
    expect(byText.get('not a member')).not.toHaveProperty('fanClub');
    // A reconnect that replays the missed events carries the badge too.
    const replay = await RoomSocket.open(handle);
    const again = await replay.hello(welcome.snapshot.seq);
    const replayed = again.missed.flatMap((e) => (e.event.kind === 'chat' ? [e.event.message] : []));
    expect(replayed.find((m) => m.text === 'member here')?.from).toMatchObject({ fanClub: true });
  });

  it('appears without a reload when the viewer joins while connected, and goes when the membership ends', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    expect(outcome(await say(socket, 'before'))).toBe('accepted');
    await makeMember(performerId, fan.userId);
    expect(await tellRoom(handle, performerId, fan.userId)).toBe(true);
    // The page learns its own standing at once (the Join panel and the menu prices follow it).
    expect((await socket.next('standing', (m) => m.you.fanClub === true)).muted).toBeNull();
    await drained(handle, socket);
    expect(outcome(await say(socket, 'after joining'))).toBe('accepted');

    await makeMember(performerId, fan.userId, 'lapsed');
    expect(await tellRoom(handle, performerId, fan.userId)).toBe(false);
    await socket.next('standing', (m) => m.you.fanClub === undefined);
    expect(outcome(await say(socket, 'after lapsing'))).toBe('accepted');
    await socket.waitForEvents('chat', 3);
    const from = new Map(socket.eventsOf('chat').map((e) => [e.message.text, e.message.from.fanClub]));
    expect([...from]).toEqual([
      ['before', undefined],
      ['after joining', true],
      ['after lapsing', undefined],
    ]);
  });

  it('keeps the badge after the Room is evicted, and counts a cancelled member up to the period end', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer();
    await makeMember(performerId, fan.userId, 'cancelled');
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await evictDurableObject(roomStub(handle));
    expect(outcome(await say(socket, 'still here'))).toBe('accepted');
    const [line] = await socket.waitForEvents('chat');
    expect(line?.message.from.fanClub).toBe(true);
    // A cancelled membership whose paid time ran out is no membership.
    await makeMember(performerId, fan.userId, 'cancelled', Date.now() - 1_000);
    const { welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.you).not.toHaveProperty('fanClub');
  });

  it('never shows who tipped anonymously, badge or not, and gives guests no badge', async () => {
    const { handle, performer, performerId } = await liveRoom();
    const fan = await newViewer(100);
    await makeMember(performerId, fan.userId);
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const { socket: guest, welcome } = await RoomSocket.join(handle);
    expect(welcome.you).toBeNull();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'tip.send', clientId: id, amount: 10, anonymous: true });
    await socket.next('tip.result', (m) => m.clientId === id);
    for (const s of [stage, guest, socket]) {
      const [tip] = await s.waitForEvents('tip');
      expect(tip?.tip.from).toBeNull();
      expect(JSON.stringify(tip)).not.toContain(fan.handle);
    }
  });

  it('answers many membership notices at once with what D1 says, whatever their order', async () => {
    const { handle, performerId } = await liveRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await makeMember(performerId, fan.userId);
    const answers = await Promise.all(Array.from({ length: 12 }, () => tellRoom(handle, performerId, fan.userId)));
    expect(answers.every(Boolean)).toBe(true);
    await drained(handle, socket);
    // The badge changed once, so the page was told once.
    expect(socket.received.filter((m) => m.type === 'standing')).toHaveLength(1);
  });
});
