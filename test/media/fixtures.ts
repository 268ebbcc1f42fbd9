import { env } from 'cloudflare:workers';
import type { PublishResponse, WatchResponse } from '../../wire/media.ts';
import type { Browser } from '../client.ts';
import { newRoom } from '../room/room-socket.ts';
import { CHROMIUM_OFFER } from './offer.ts';

/** A performer whose identity verification is approved (the go-live gate), with their room. */
export async function approvedRoom() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  return room;
}

export const publishBody = {
  offer: { type: 'offer', sdp: CHROMIUM_OFFER },
  tracks: [
    { mid: '0', kind: 'audio' },
    { mid: '1', kind: 'video' },
  ],
};

export const publish = (browser: Browser, handle: string, body: unknown = publishBody) =>
  browser.post(`/api/live/${handle}/publish`, body);
export const watch = (browser: Browser, handle: string, body: unknown = {}) =>
  browser.post(`/api/live/${handle}/watch`, body);

/** An approved performer, live, with the camera published. */
export async function onAir() {
  const room = await approvedRoom();
  const live = await room.performer.post('/api/studio/live', { title: 'On camera' });
  if (live.status !== 200) throw new Error(`go live failed: ${live.status} ${await live.text()}`);
  const response = await publish(room.performer, room.handle);
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${await response.text()}`);
  return { ...room, published: (await response.json()) as PublishResponse };
}

export async function watching(browser: Browser, handle: string): Promise<WatchResponse> {
  const response = await watch(browser, handle);
  if (response.status !== 201) throw new Error(`watch failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as WatchResponse;
}
