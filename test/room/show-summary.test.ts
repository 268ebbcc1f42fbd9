import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ShowSummaryResponse } from '../../wire/live.ts';
import { Browser, errorOf } from '../client.ts';
import { clientId, drained, liveRoom, newRoom, newViewer, RoomSocket, roomStub } from './room-socket.ts';

const summaryOf = async (performer: Browser) => {
  const response = await performer.fetch('/api/studio/live/summary');
  expect(response.status).toBe(200);
  return ((await response.json()) as ShowSummaryResponse).summary;
};
const endShow = (performer: Browser) => performer.fetch('/api/studio/live', { method: 'DELETE' });

async function tip(socket: RoomSocket, amount: number, extra: Record<string, unknown> = {}) {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount, ...extra });
  expect(await socket.next('tip.result', (m) => m.clientId === id)).toMatchObject({ status: 'accepted' });
}

describe('the summary after End show', () => {
  it('has the show’s duration, peak viewers, tips and tokens (anonymous ones too) and new followers', async () => {
    const early = await newViewer();
    const { handle, performer, performerId } = await newRoom();
    // A follow from before the show is not a new follower of this show.
    expect((await early.browser.post(`/api/performers/${handle}/follow`)).status).toBe(200);
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(performerId)
      .run();
    expect((await performer.post('/api/studio/live', { title: 'Summary show' })).status).toBe(200);
    const fans = await Promise.all([newViewer(1_000), newViewer(1_000), newViewer()]);
    const sockets = await Promise.all(fans.map(async (f) => (await RoomSocket.join(handle, f.browser)).socket));
    await drained(handle, ...sockets);
    await tip(sockets[0]!, 100);
    await tip(sockets[1]!, 50, { anonymous: true });
    expect((await fans[2]!.browser.post(`/api/performers/${handle}/follow`)).status).toBe(200);
    // Two leave: the peak stays at three.
    sockets[1]!.close();
    sockets[2]!.close();
    await drained(handle, sockets[0]!);
    expect((await endShow(performer)).status).toBe(200);

    const summary = await summaryOf(performer);
    expect(summary).toMatchObject({ title: 'Summary show', peakViewers: 3, tips: 2, tokens: 150, newFollowers: 1 });
    expect(summary!.durationSeconds).toBe(
      Math.round((Date.parse(summary!.endedAt) - Date.parse(summary!.startedAt)) / 1000),
    );
  });

  it('keeps the peak viewers when the Room is evicted mid-show', async () => {
    const { handle, performer } = await liveRoom();
    const fans = await Promise.all([newViewer(), newViewer()]);
    const sockets = await Promise.all(fans.map(async (f) => (await RoomSocket.join(handle, f.browser)).socket));
    await drained(handle, ...sockets);
    await evictDurableObject(roomStub(handle), { webSockets: 'close' });
    await Promise.all(sockets.map((s) => s.closed));
    expect((await endShow(performer)).status).toBe(200);
    expect(await summaryOf(performer)).toMatchObject({ peakViewers: 2, tips: 0, tokens: 0, newFollowers: 0 });
  });

  it('counts only the last show, not tips or follows from an earlier one', async () => {
    const { handle, performer } = await liveRoom();
    const fan = await newViewer(500);
    const { socket } = await RoomSocket.join(handle, fan.browser);
    await tip(socket, 200);
    await endShow(performer);
    expect(await summaryOf(performer)).toMatchObject({ tips: 1, tokens: 200 });
    await performer.post('/api/studio/live', { title: 'Second show' });
    await endShow(performer);
    expect(await summaryOf(performer)).toMatchObject({ title: 'Second show', tips: 0, tokens: 0 });
  });

  it('is null before the first show ends, and only for the performer', async () => {
    const { performer } = await liveRoom();
    expect(await summaryOf(performer)).toBeNull();
    const viewer = await newViewer();
    expect(await errorOf(await viewer.browser.fetch('/api/studio/live/summary'))).toMatchObject({ status: 403 });
    expect(await errorOf(await new Browser().fetch('/api/studio/live/summary'))).toMatchObject({ status: 401 });
  });
});
