import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TIP_HISTORY_SIZE } from '../../durable-objects/tips/tip-history.ts';
import { clientId, drained, liveRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

/** Sends a tip and waits for its result. */
async function tip(
  socket: RoomSocket,
  amount: number,
  extra: { note?: string; private?: boolean; anonymous?: boolean } = {},
): Promise<string> {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount, ...extra });
  return (await socket.next('tip.result', (m) => m.clientId === id)).tipId;
}

describe('recent tips on join', () => {
  it('a viewer who reloads still sees recent tips, oldest first, private notes only for the performer', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(1_000);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const first = await tip(socket, 10, { note: 'hello there' });
    const second = await tip(socket, 60, { note: 'just for you', private: true });
    const third = await tip(socket, 5, { anonymous: true });
    await drained(handle);
    // A reload: a fresh socket with no lastSeq, and the Room restarted in between for good measure.
    socket.close();
    await evictDurableObject(roomStub(handle));
    const { welcome } = await RoomSocket.join(handle, fan.browser);
    expect(welcome.resume).toBe('fresh');
    expect(welcome.snapshot.tips.map((t) => [t.id, t.amount, t.note, t.from?.handle ?? null])).toEqual([
      [first, 10, 'hello there', fan.handle],
      [second, 60, null, fan.handle],
      [third, 5, null, null],
    ]);
    const { welcome: studio } = await RoomSocket.join(handle, performer);
    expect(studio.snapshot.tips.find((t) => t.id === second)).toMatchObject({ note: 'just for you', private: true });
  });

  it('keeps only the last 20 tips, and none that were refused', async () => {
    const { handle } = await liveRoom();
    const fan = await newViewer(1_000);
    const broke = await newViewer(1);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const { socket: poor } = await RoomSocket.join(handle, broke.browser);
    const ids: string[] = [];
    for (let i = 1; i <= TIP_HISTORY_SIZE + 3; i++) ids.push(await tip(socket, i));
    const refused = clientId();
    poor.send({ type: 'tip.send', clientId: refused, amount: 50 });
    await poor.next('rejected', (m) => m.clientId === refused);
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.tips.map((t) => t.id)).toEqual(ids.slice(-TIP_HISTORY_SIZE));
  });
});
