import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ShowAvailability } from '../../wire/show-availability.ts';
import type { ShowEarning } from '../../wire/show-earnings.ts';
import type { PerformerReviews } from '../../wire/show-reviews.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { database } from '../../workers/db/index.ts';
import { recentActivity } from '../../workers/mcp/activity.ts';
import { signedUp } from '../client.ts';
import { newRoom, RoomSocket } from '../room/room-socket.ts';
import { showRows } from '../shows/show-rows.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

const MINUTE = 60_000;

/** A performer (approved identity, not live) and their connected app with every scope. */
async function performerWithApp() {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  const { client, caller } = await connectedApp({ userId: room.performerId, handle: room.handle });
  return { ...room, client, caller };
}

async function studioSettings(performer: { fetch: (path: string) => Promise<Response> }): Promise<ShowSettings> {
  return ((await (await performer.fetch('/api/studio/shows/settings')).json()) as { settings: ShowSettings }).settings;
}

const mine: ShowSettings = {
  ...DEFAULT_SHOW_SETTINGS,
  privateOn: true,
  privateRate: 90,
  minimumMinutes: 3,
  spyRate: 15,
  sessionRates: { video: 80, voice: 50, chat: 25 },
};

describe('the paid-show tools', { timeout: 30_000 }, () => {
  it('set the Paid shows settings as the studio form does, and the room offers them at once', async () => {
    const { client, handle, performer } = await performerWithApp();
    expect(await callOk(client, 'get_show_settings')).toEqual({ settings: DEFAULT_SHOW_SETTINGS });
    expect(await callOk(client, 'set_show_settings', { settings: mine })).toEqual({ settings: mine });
    expect(await studioSettings(performer)).toEqual(mine);
    expect(await callOk(client, 'get_show_settings')).toEqual({ settings: mine });
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.shows.offer).toMatchObject({ privateOn: true, privateRate: 90, minimumMinutes: 3 });
  });

  it('refuses settings the studio refuses, saying which field and why, and changes nothing', async () => {
    const { client, performer } = await performerWithApp();
    await callOk(client, 'set_show_settings', { settings: mine });
    const low = await callRefused(client, 'set_show_settings', { settings: { ...mine, privateRate: 2 } });
    expect(low).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'settings.privateRate: At least 6 tokens a minute',
      fields: { 'settings.privateRate': 'At least 6 tokens a minute' },
    });
    const studio = await performer.fetch('/api/studio/shows/settings', {
      method: 'PUT',
      json: { ...mine, privateRate: 2 },
    });
    expect(studio.status).toBe(400);
    const { spyRate: _left, ...partial } = mine;
    expect((await callRefused(client, 'set_show_settings', { settings: partial })).message).toMatch(
      /^settings\.spyRate: /,
    );
    expect((await callRefused(client, 'set_session_availability', { available: 'yes' })).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await studioSettings(performer)).toEqual(mine);
  });

  it('turns availability for sessions on and off, keeping every other setting', async () => {
    const { client, handle, performer } = await performerWithApp();
    await callOk(client, 'set_show_settings', { settings: mine });
    const on = await callOk<{ settings: ShowSettings; availability: ShowAvailability }>(
      client,
      'set_session_availability',
      { available: true },
    );
    expect(on.settings).toEqual({ ...mine, sessionsAvailable: true });
    expect(on.availability).toMatchObject({ sessions: mine.sessionRates, sessionsOpen: true });
    expect(await studioSettings(performer)).toEqual({ ...mine, sessionsAvailable: true });
    // The public side follows: the profile's availability and the directory's list of performers taking sessions.
    const visitor = (await signedUp()).browser;
    const profile = (await (await visitor.fetch(`/api/performers/${handle}/availability`)).json()) as ShowAvailability;
    expect(profile.sessionsOpen).toBe(true);
    const listed = (await (await visitor.fetch('/api/shows/available')).json()) as {
      performers: { handle: string }[];
    };
    expect(listed.performers.map((p) => p.handle)).toContain(handle);

    const off = await callOk<{ settings: ShowSettings; availability: ShowAvailability }>(
      client,
      'set_session_availability',
      { available: false },
    );
    expect(off.settings).toEqual(mine);
    expect(off.availability).toMatchObject({ sessions: null, sessionsOpen: false });
    // Twice is the same as once.
    await callOk(client, 'set_session_availability', { available: false });
    expect(await studioSettings(performer)).toEqual(mine);
  });

  it('sets availability for a performer who never saved settings, from the defaults', async () => {
    const { client, performer } = await performerWithApp();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => callOk(client, 'set_session_availability', { available: true })),
    );
    for (const a of answers)
      expect(a).toMatchObject({ settings: { ...DEFAULT_SHOW_SETTINGS, sessionsAvailable: true } });
    expect(await studioSettings(performer)).toEqual({ ...DEFAULT_SHOW_SETTINGS, sessionsAvailable: true });
  });

  it('refuses both set tools to an app with the read scope only, and lists only the reads', async () => {
    const { performerId, handle, performer, client: full } = await performerWithApp();
    await callOk(full, 'set_show_settings', { settings: mine });
    const { client } = await connectedApp({ userId: performerId, handle }, ['shows:read']);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_show_settings', 'show_reviews']);
    for (const [name, args] of [
      ['set_show_settings', { settings: { ...mine, privateRate: 300 } }],
      ['set_session_availability', { available: true }],
    ] as const) {
      const refusal = await callRefused(client, name, args);
      expect(refusal.code).toBe('FORBIDDEN');
      expect(refusal.message).toContain('"shows"');
    }
    expect(await studioSettings(performer)).toEqual(mine);
    expect(await callOk(client, 'get_show_settings')).toEqual({ settings: mine });
  });

  it('lists recent shows with date, kind, minutes and earnings, and never names an anonymous viewer', async () => {
    const { client, performerId } = await performerWithApp();
    const named = await signedUp();
    const hidden = await signedUp();
    const now = Date.now();
    const older = await showRows({
      performerId,
      rate: 30,
      endedAt: now - 90 * MINUTE,
      seats: [{ userId: named.user.id, minutes: 4, tokens: 120 }],
    });
    const newer = await showRows({
      performerId,
      kind: 'session-voice',
      rate: 10,
      endedAt: now - 10 * MINUTE,
      seats: [{ userId: hidden.user.id, anonymous: true, minutes: 3, tokens: 30 }],
    });
    const answer = await callOk<{ shows: ShowEarning[]; last30Days: number; allTime: number }>(
      client,
      'list_recent_shows',
    );
    expect(answer.shows).toEqual([
      expect.objectContaining({ showId: newer, kind: 'session-voice', viewer: null, minutes: 3, tokens: 30 }),
      expect.objectContaining({
        showId: older,
        kind: 'private',
        viewer: { handle: named.account.handle, displayName: named.account.displayName },
        minutes: 4,
        tokens: 120,
      }),
    ]);
    expect(answer.shows.map((s) => s.earned)).toEqual([21, 84]);
    expect(Date.parse(answer.shows[0]!.at)).toBeLessThan(now);
    expect(JSON.stringify(answer)).not.toContain(hidden.account.handle);
    expect(JSON.stringify(answer)).not.toContain(hidden.account.displayName);
    expect((await callOk<{ shows: unknown[] }>(client, 'list_recent_shows', { limit: 1 })).shows).toHaveLength(1);
    expect((await callRefused(client, 'list_recent_shows', { limit: 0 })).code).toBe('VALIDATION_FAILED');
  });

  it('reads the average rating and recent reviews, an anonymous viewer’s review unnamed', async () => {
    const { client, performerId } = await performerWithApp();
    expect(await callOk(client, 'show_reviews')).toEqual({ reviews: { average: null, count: 0, recent: [] } });
    const named = await signedUp();
    const hidden = await signedUp();
    for (const [viewer, anonymous, stars, comment] of [
      [named, false, 5, 'Wonderful'],
      [hidden, true, 4, 'Lovely, quietly'],
    ] as const) {
      const show = await showRows({ performerId, seats: [{ userId: viewer.user.id, anonymous }] });
      const posted = await viewer.browser.post(`/api/shows/${show}/review`, { stars, comment });
      expect(posted.status).toBe(201);
    }
    const { reviews } = await callOk<{ reviews: PerformerReviews }>(client, 'show_reviews');
    expect(reviews.average).toBe(4.5);
    expect(reviews.count).toBe(2);
    const byComment = new Map(reviews.recent.map((r) => [r.comment, r.reviewer]));
    expect(byComment.get('Wonderful')).toEqual({
      handle: named.account.handle,
      displayName: named.account.displayName,
    });
    expect(byComment.get('Lovely, quietly')).toBeNull();
    expect(JSON.stringify(reviews)).not.toContain(hidden.account.handle);
  });

  it('writes each call, answered or refused, to the performer’s activity log', async () => {
    const { client, performerId, caller } = await performerWithApp();
    await callOk(client, 'get_show_settings');
    await callRefused(client, 'set_show_settings', { settings: { ...mine, groupMinimum: 1 } });
    const entries = await recentActivity(database(env), performerId, { clientId: caller.client.id, limit: 10 });
    expect(entries.map((e) => [e.tool, e.outcome])).toEqual([
      ['set_show_settings', 'VALIDATION_FAILED'],
      ['get_show_settings', 'ok'],
    ]);
  });
});
