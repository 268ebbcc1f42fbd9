import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LiveRoomsResponse } from '../../wire/live.ts';
import type { AvailableResponse, ShowAvailability } from '../../wire/show-availability.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { saveShowSettings } from '../../workers/shows/show-settings.ts';
import { Browser, signedUp } from '../client.ts';
import { showRows } from './show-rows.ts';

const availability = async (handle: string) =>
  (await (await new Browser().fetch(`/api/performers/${handle}/availability`)).json()) as ShowAvailability;
const available = async () =>
  ((await (await new Browser().fetch('/api/shows/available')).json()) as AvailableResponse).performers;

async function performerWith(settings: Partial<ShowSettings>, kyc: 'approved' | 'submitted' = 'approved') {
  const performer = await signedUp({ role: 'performer' });
  await env.DB.prepare('update performer_profiles set kyc_status = ? where user_id = ?')
    .bind(kyc, performer.user.id)
    .run();
  await saveShowSettings(env.DB, performer.user.id, { ...DEFAULT_SHOW_SETTINGS, ...settings });
  return performer;
}

async function goLive(performerId: string, handle: string) {
  const now = Date.now();
  await env.DB.prepare(
    `insert into live_rooms (performer_id, handle, title, tags, viewers, started_at, updated_at)
     values (?, ?, 'On air', '[]', 3, ?, ?)`,
  )
    .bind(performerId, handle, now, now)
    .run();
}

const sessionRates = { video: 90, voice: 50, chat: 25 };

describe('paid show availability', () => {
  it('is nothing on offer for a performer who never set up paid shows', async () => {
    const performer = await signedUp({ role: 'performer' });
    expect(await availability(performer.account.handle)).toEqual({
      live: false,
      inShow: null,
      sessions: null,
      sessionsOpen: false,
      privateRate: null,
      minimumMinutes: DEFAULT_SHOW_SETTINGS.minimumMinutes,
      groupRate: DEFAULT_SHOW_SETTINGS.groupRate,
    });
    expect((await available()).map((p) => p.handle)).not.toContain(performer.account.handle);
  });

  it('shows "Available for sessions" with each kind’s rate on the profile and in the directory', async () => {
    const performer = await performerWith({ sessionsAvailable: true, sessionRates, privateOn: true, privateRate: 45 });
    expect(await availability(performer.account.handle)).toMatchObject({
      live: false,
      inShow: null,
      sessions: sessionRates,
      sessionsOpen: true,
      privateRate: 45,
    });
    expect((await available()).find((p) => p.handle === performer.account.handle)).toMatchObject({
      displayName: performer.account.displayName,
      sessions: sessionRates,
      busy: false,
    });
  });

  it('offers no sessions from a performer whose identity is not approved', async () => {
    const unverified = await performerWith({ sessionsAvailable: true, sessionRates }, 'submitted');
    expect(await availability(unverified.account.handle)).toMatchObject({ sessions: null, sessionsOpen: false });
    expect((await available()).map((p) => p.handle)).not.toContain(unverified.account.handle);
  });

  it('marks a performer in a session as busy, and one live in public as not open for sessions', async () => {
    const busy = await performerWith({ sessionsAvailable: true, sessionRates });
    const fan = await signedUp();
    await showRows({
      performerId: busy.user.id,
      kind: 'session-video',
      endedAt: null,
      seats: [{ userId: fan.user.id }],
    });
    expect(await availability(busy.account.handle)).toMatchObject({ inShow: 'session', sessionsOpen: false });
    expect((await available()).find((p) => p.handle === busy.account.handle)?.busy).toBe(true);

    const live = await performerWith({ sessionsAvailable: true, sessionRates });
    await goLive(live.user.id, live.account.handle);
    expect(await availability(live.account.handle)).toMatchObject({ live: true, sessionsOpen: false });
    expect((await available()).map((p) => p.handle)).not.toContain(live.account.handle);
  });

  it('marks live rooms "In private" or "Group show" in the directory while one runs, and not after', async () => {
    const inPrivate = await performerWith({ privateOn: true });
    const inGroup = await performerWith({});
    const idle = await performerWith({});
    const fan = await signedUp();
    for (const p of [inPrivate, inGroup, idle]) await goLive(p.user.id, p.account.handle);
    await showRows({ performerId: inPrivate.user.id, endedAt: null, seats: [{ userId: fan.user.id }] });
    await showRows({
      performerId: inGroup.user.id,
      kind: 'group',
      endedAt: null,
      seats: [{ userId: fan.user.id, role: 'participant' }],
    });
    // An ended show leaves no mark.
    await showRows({ performerId: idle.user.id, seats: [{ userId: fan.user.id }] });

    const { rooms } = (await (await new Browser().fetch('/api/rooms')).json()) as LiveRoomsResponse;
    const showOf = (handle: string) => rooms.find((r) => r.handle === handle)?.show;
    expect(showOf(inPrivate.account.handle)).toBe('private');
    expect(showOf(inGroup.account.handle)).toBe('group');
    expect(showOf(idle.account.handle)).toBeNull();
    expect((await availability(inPrivate.account.handle)).inShow).toBe('private');
  });
});
