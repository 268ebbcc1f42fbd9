import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LiveRoomsResponse } from '../../wire/live.ts';
import { isBlocked } from '../../workers/safety/geo.ts';
import { Browser, errorOf, ORIGIN, signedUp } from '../client.ts';
import { newRoom } from '../room/room-socket.ts';

/** A browser that the Worker places in `country` (and `region`), through the dev/test headers. */
function browserIn(country: string, region?: string): Browser {
  const browser = new Browser();
  const fetch = browser.fetch.bind(browser);
  browser.fetch = (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('X-Encore-Test-Country', country);
    if (region) headers.set('X-Encore-Test-Region', region);
    return fetch(path, { ...init, headers });
  };
  return browser;
}

async function liveRoomBlocking(blocked: string[]) {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  expect((await room.performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked } })).status).toBe(200);
  expect((await room.performer.post('/api/studio/live', { title: 'Geo test' })).status).toBe(200);
  return room;
}

const listed = async (browser: Browser, handle: string) =>
  ((await (await browser.fetch('/api/rooms')).json()) as LiveRoomsResponse).rooms.some((r) => r.handle === handle);
const socket = (browser: Browser, handle: string) =>
  browser.fetch(`/rooms/${handle}/ws`, { headers: { Upgrade: 'websocket', Origin: ORIGIN } });

describe('the geo-blocking rule', () => {
  it.each([
    [['DE'], 'DE', null, true],
    [['DE'], 'de', 'BE', true],
    [['DE'], 'FR', null, false],
    [['US-TX'], 'US', 'TX', true],
    [['US-TX'], 'US', 'US-TX', true],
    [['US-TX'], 'US', 'CA', false],
    [['US-TX'], 'US', null, false],
    [['DE'], null, null, false],
    [[], 'DE', null, false],
  ] as const)('blocked %j, viewer in %s/%s → %s', (blocked, country, region, expected) => {
    expect(isBlocked(blocked, country, region)).toBe(expected);
  });
});

describe('geo-blocking a room', () => {
  it('saves the block list, normalised, and refuses codes that are not places', async () => {
    const room = await newRoom();
    const saved = await room.performer.fetch('/api/studio/geo', {
      method: 'PUT',
      json: { blocked: ['de', 'US-TX', 'DE'] },
    });
    expect(await saved.json()).toEqual({ blocked: ['DE', 'US-TX'] });
    expect(await (await room.performer.fetch('/api/studio/geo')).json()).toEqual({ blocked: ['DE', 'US-TX'] });
    const bad = await room.performer.fetch('/api/studio/geo', { method: 'PUT', json: { blocked: ['Germany'] } });
    expect(await errorOf(bad)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await (await room.performer.fetch('/api/studio/geo')).json()).toEqual({ blocked: ['DE', 'US-TX'] });
    expect((await new Browser().fetch('/api/studio/geo')).status).toBe(401);
  });

  it('hides the room from the directory for viewers in a blocked country, not elsewhere', async () => {
    const { handle } = await liveRoomBlocking(['DE']);
    expect(await listed(browserIn('DE'), handle)).toBe(false);
    expect(await listed(browserIn('FR'), handle)).toBe(true);
    expect(await listed(new Browser(), handle)).toBe(true);
  });

  it('hides the room in a blocked region only', async () => {
    const { handle } = await liveRoomBlocking(['US-TX']);
    expect(await listed(browserIn('US', 'TX'), handle)).toBe(false);
    expect(await listed(browserIn('US', 'CA'), handle)).toBe(true);
  });

  it('answers the performer page as if there were no such performer, but not for the performer', async () => {
    const { handle, performer } = await liveRoomBlocking(['DE']);
    expect(await errorOf(await browserIn('DE').fetch(`/api/performers/${handle}`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await browserIn('FR').fetch(`/api/performers/${handle}`)).status).toBe(200);
    expect(
      (await performer.fetch(`/api/performers/${handle}`, { headers: { 'X-Encore-Test-Country': 'DE' } })).status,
    ).toBe(200);
  });

  it('refuses the room socket from a blocked country and opens it elsewhere', async () => {
    const { handle } = await liveRoomBlocking(['DE']);
    const refused = await socket(browserIn('DE'), handle);
    expect(refused.webSocket).toBeNull();
    expect(await errorOf(refused)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const opened = await socket(browserIn('FR'), handle);
    expect(opened.status).toBe(101);
    opened.webSocket?.accept();
    opened.webSocket?.close(1000, 'bye');
  });

  it('leaves the performer out of a blocked follower’s following list', async () => {
    const { handle } = await liveRoomBlocking(['DE']);
    const fan = await signedUp();
    expect((await fan.browser.post(`/api/performers/${handle}/follow`)).status).toBe(200);
    const following = async (country: string) => {
      const response = await fan.browser.fetch('/api/me/following', { headers: { 'X-Encore-Test-Country': country } });
      return ((await response.json()) as { performers: { handle: string }[] }).performers.map((p) => p.handle);
    };
    expect(await following('FR')).toContain(handle);
    expect(await following('DE')).not.toContain(handle);
  });

  it("uses the request's own cf.country (as Cloudflare sets it) when no test header is sent", async () => {
    const { handle } = await liveRoomBlocking(['DE']);
    const response = await new Browser().fetch(`/api/performers/${handle}`, { cf: { country: 'DE' } } as RequestInit);
    expect(response.status).toBe(404);
  });
});
