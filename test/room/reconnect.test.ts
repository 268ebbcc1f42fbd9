import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../durable-objects/room.ts';
import { clientId, newRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

async function say(socket: RoomSocket, text: string): Promise<void> {
  const id = clientId();
  socket.send({ type: 'chat.send', clientId: id, text });
  await socket.next('chat.result', (m) => m.clientId === id);
}

describe('reconnecting with lastSeq', () => {
  it('replays exactly the missed events, in order, and then the live stream carries on', async () => {
    const { handle } = await newRoom();
    const { socket: talker } = await RoomSocket.join(handle, (await newViewer()).browser);
    const { socket: flaky } = await RoomSocket.join(handle, (await newViewer()).browser);
    await say(talker, 'before');
    await flaky.waitForEvents('chat');
    const lastSeq = Math.max(...flaky.events().map((e) => e.seq));
    flaky.close();
    await flaky.closed;
    for (const text of ['missed 1', 'missed 2', 'missed 3']) await say(talker, text);
    const { socket: back, welcome } = await RoomSocket.join(handle, (await newViewer()).browser, lastSeq);
    expect(welcome.resume).toBe('replayed');
    const seqs = welcome.missed.map((e) => e.seq);
    // Contiguous from lastSeq + 1 up to the snapshot's seq: nothing lost, nothing doubled.
    expect(seqs).toEqual(Array.from({ length: welcome.snapshot.seq - lastSeq }, (_, i) => lastSeq + 1 + i));
    expect(welcome.missed.flatMap((e) => (e.event.kind === 'chat' ? [e.event.message.text] : []))).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
    ]);
    await say(talker, 'live again');
    const [live] = await back.waitForEvents('chat');
    expect(live?.message.text).toBe('live again');
    expect(Math.min(...back.events().map((e) => e.seq))).toBe(welcome.snapshot.seq + 1);
  });

  it('replays nothing to a client that missed nothing', async () => {
    const { handle } = await newRoom();
    const { socket } = await RoomSocket.join(handle, (await newViewer()).browser);
    await say(socket, 'hi');
    const { welcome: first } = await RoomSocket.join(handle);
    const seq = first.snapshot.seq;
    const { welcome } = await RoomSocket.join(handle, undefined, seq);
    // Joining adds a presence event; the second join may see it, but never one it already had.
    expect(welcome.resume).toBe('replayed');
    expect(welcome.missed.every((e) => e.seq > seq)).toBe(true);
  });

  it('gives a page that keeps its state only what it missed, no snapshot; the live stream carries on', async () => {
    const { handle } = await newRoom();
    const { socket: talker } = await RoomSocket.join(handle, (await newViewer()).browser);
    const { socket: flaky } = await RoomSocket.join(handle);
    await say(talker, 'seen');
    await flaky.waitForEvents('chat');
    const lastSeq = Math.max(...flaky.events().map((e) => e.seq));
    flaky.close();
    await flaky.closed;
    for (const text of ['missed 1', 'missed 2', 'missed 3']) await say(talker, text);
    const back = await RoomSocket.open(handle);
    const resumed = await back.resume(lastSeq);
    expect(resumed.type).toBe('resumed');
    expect(resumed).not.toHaveProperty('snapshot');
    await say(talker, 'live again');
    await back.waitForEvents('chat');
    // Nothing lost, nothing doubled, in order: the missed events, then the stream.
    const seqs = [...(resumed.type === 'resumed' ? resumed.missed : []), ...back.events()].map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => lastSeq + 1 + i));
    const texts = [...(resumed.type === 'resumed' ? resumed.missed : []), ...back.events()].flatMap((e) =>
      e.event.kind === 'chat' ? [e.event.message.text] : [],
    );
    expect(texts).toEqual(['missed 1', 'missed 2', 'missed 3', 'live again']);
  });

  it('replays a gap of more than 2,000 events the log still holds, without a reset', async () => {
    const { handle, performerId } = await newRoom();
    const { welcome } = await RoomSocket.join(handle);
    const lastSeq = welcome.snapshot.seq;
    // A busy stretch: 2,500 events (menu changes are the quickest to make) while the viewer was away.
    await runInDurableObject(roomStub(handle), (room: Room) => {
      for (let i = 0; i < 2_500; i++) room.setMenu({ handle, performerId }, [{ label: `item ${i}`, price: 1 + i }]);
    });
    const expected = (count: number) => Array.from({ length: count }, (_, i) => lastSeq + 1 + i);
    // A page from before keepsState: one welcome holding the whole gap.
    const { welcome: old } = await RoomSocket.join(handle, undefined, lastSeq);
    expect(old.resume).toBe('replayed');
    expect(old.missed.map((e) => e.seq)).toEqual(expected(old.snapshot.seq - lastSeq));
    expect(old.missed.filter((e) => e.event.kind === 'menu')).toHaveLength(2_500);
    // Today's page: `resumed` with the first part, the rest in events frames right behind it.
    const back = await RoomSocket.open(handle);
    const resumed = await back.resume(lastSeq);
    expect(resumed.type).toBe('resumed');
    const missed = resumed.type === 'resumed' ? resumed.missed : [];
    await expect.poll(() => [...missed, ...back.events()].filter((e) => e.event.kind === 'menu').length).toBe(2_500);
    const seqs = [...missed, ...back.events()].map((e) => e.seq);
    expect(seqs).toEqual(expected(seqs.length));
  });

  it('tells the client to reset when the gap is no longer in the log', async () => {
    const { handle } = await newRoom();
    const { socket } = await RoomSocket.join(handle, (await newViewer()).browser);
    for (const text of ['a', 'b', 'c', 'd']) await say(socket, text);
    // As if the log had been trimmed past the client's last number.
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      state.storage.sql.exec('delete from events where seq <= 3');
    });
    const { welcome } = await RoomSocket.join(handle, undefined, 1);
    expect(welcome).toMatchObject({ resume: 'reset', missed: [] });
    expect(welcome.snapshot.chat.map((m) => m.text)).toEqual(['a', 'b', 'c', 'd']);
    // A page that keeps its state gets the full welcome too: it has to start over.
    expect(await (await RoomSocket.open(handle)).resume(1)).toMatchObject({ type: 'welcome', resume: 'reset' });
  });

  it('tells a client from another life of the room (a seq from the future) to reset', async () => {
    const { handle } = await newRoom();
    const { welcome } = await RoomSocket.join(handle, undefined, 10_000);
    expect(welcome.resume).toBe('reset');
  });
});

describe('presence', () => {
  it('counts each signed-in user once, each anonymous socket once, and not the performer', async () => {
    const { handle, performer } = await newRoom();
    const { socket: stage } = await RoomSocket.join(handle, performer);
    const fan = await newViewer();
    await RoomSocket.join(handle, fan.browser);
    await RoomSocket.join(handle, fan.browser);
    await RoomSocket.join(handle);
    const { socket: guest } = await RoomSocket.join(handle);
    const counts = () => stage.eventsOf('presence').map((p) => p.viewers);
    await stage.waitForEvents('presence');
    await expect.poll(() => counts().at(-1)).toBe(3);
    guest.close();
    await expect.poll(() => counts().at(-1)).toBe(2);
  });
});
