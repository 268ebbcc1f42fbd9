import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { WatchResponse } from '../../wire/media.ts';
import { CallsClient } from '../../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../../workers/realtime/config.ts';
import { asAdminFetch } from '../admin/fixtures.ts';
import { Browser, errorOf } from '../client.ts';
import { moderate } from '../room/moderation-helpers.ts';
import { newViewer, RoomSocket, roomStub } from '../room/room-socket.ts';
import { onAir, watching } from './fixtures.ts';

/** The tracks a viewer's SFU session still pulls, as the (dev) SFU reports them. */
async function pulled(sessionId: string): Promise<string[]> {
  const state = await new CallsClient(realtimeConfig(env)).session(sessionId);
  return (state?.tracks ?? [])
    .filter((t) => t.location === 'remote' && t.status !== 'inactive')
    .map((t) => t.trackName ?? '');
}

const renegotiate = (browser: Browser, handle: string, watched: WatchResponse) =>
  browser.fetch(`/api/live/${handle}/sessions/${watched.sessionId}/renegotiate`, {
    method: 'PUT',
    json: { token: watched.token, answer: { type: 'answer', sdp: 'v=0 not an answer' } },
  });

describe('video a viewer may no longer watch', () => {
  it('stops at once when the viewer is banned mid-show, and cannot be picked up again with its grant', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    const bystander = await newViewer();
    const watched = await watching(viewer.browser, room.handle);
    const theirs = await watching(bystander.browser, room.handle);
    expect(await pulled(watched.sessionId)).toHaveLength(2);
    const { socket: studio } = await RoomSocket.join(room.handle, room.performer);
    expect(await moderate(studio, { kind: 'ban', handle: viewer.handle })).toMatchObject({ type: 'mod.result' });
    expect(await pulled(watched.sessionId)).toEqual([]);
    expect(await errorOf(await renegotiate(viewer.browser, room.handle, watched))).toMatchObject({
      status: 403,
      message: 'This video was stopped for you; open the room again',
    });
    // Nobody else's video is touched.
    expect(await pulled(theirs.sessionId)).toHaveLength(2);
  });

  it('is not kept for a viewer banned while the SFU was setting their session up', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    await roomStub(room.handle).moderate(
      { label: 'admin@encore.local', role: 'admin' },
      { kind: 'ban', handle: viewer.handle },
    );
    const late = {
      sessionId: 'session-set-up-meanwhile',
      userId: viewer.userId,
      country: null,
      region: null,
      mids: ['0', '1'],
    };
    expect(await roomStub(room.handle).watching(late)).toBe(false);
    expect(await roomStub(room.handle).mayKeepWatching(late.sessionId, viewer.userId)).toBe(false);
  });

  it('stops at once for viewers in a place the performer newly blocks, and only for them', async () => {
    const room = await onAir();
    const inGermany = new Browser();
    const inFrance = new Browser();
    const watch = async (browser: Browser, country: string) =>
      (await (
        await browser.fetch(`/api/live/${room.handle}/watch`, {
          method: 'POST',
          json: {},
          headers: { 'X-Encore-Test-Country': country },
        })
      ).json()) as WatchResponse;
    const german = await watch(inGermany, 'DE');
    const french = await watch(inFrance, 'FR');
    expect(await pulled(german.sessionId)).toHaveLength(2);
    expect((await room.performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['DE'] } })).status).toBe(
      200,
    );
    expect(await pulled(german.sessionId)).toEqual([]);
    expect(await pulled(french.sessionId)).toHaveLength(2);
  });

  it('stops at once when the viewer’s account is suspended', async () => {
    const room = await onAir();
    const viewer = await newViewer();
    await RoomSocket.join(room.handle, viewer.browser);
    const watched = await watching(viewer.browser, room.handle);
    const suspended = await asAdminFetch(`/api/admin/users/${viewer.userId}/suspend`, {
      method: 'POST',
      json: { reason: 'Chargeback fraud' },
    });
    expect(suspended.status).toBe(200);
    expect(await pulled(watched.sessionId)).toEqual([]);
  });
});
