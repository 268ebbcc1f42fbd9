import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LiveRoomsResponse } from '../../wire/live.ts';
import type { AvailableResponse, ShowAvailability } from '../../wire/show-availability.ts';
import { DEFAULT_SHOW_SETTINGS, type ShowSettings } from '../../wire/shows.ts';
import { saveShowSettings } from '../../workers/shows/show-settings.ts';
import { Browser, signedUp } from '../client.ts';
import { accepted, showRoom, startPrivate, write } from './show-helpers.ts';

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
    });
  });

  it('offers no sessions from a performer whose identity is not approved', async () => {
    const unverified = await performerWith({ sessionsAvailable: true, sessionRates }, 'submitted');
    expect(await availability(unverified.account.handle)).toMatchObject({ sessions: null, sessionsOpen: false });
    expect((await available()).map((p) => p.handle)).not.toContain(unverified.account.handle);
  });

  it('does not offer sessions from a performer live in public, on the profile or in the list', async () => {
    const live = await performerWith({ sessionsAvailable: true, sessionRates });
    await goLive(live.user.id, live.account.handle);
    expect(await availability(live.account.handle)).toMatchObject({ live: true, sessionsOpen: false });
    expect((await available()).map((p) => p.handle)).not.toContain(live.account.handle);
  });

  it('marks a live room "In private" on the profile and in the directory while the Room runs one', async () => {
    const { handle, socket, performerSocket } = await showRoom();
    const inDirectory = async () => {
      const { rooms } = (await (await new Browser().fetch('/api/rooms')).json()) as LiveRoomsResponse;
      return rooms.find((r) => r.handle === handle)?.show;
    };
    expect(await inDirectory()).toBeNull();
    const showId = await startPrivate(socket, performerSocket);
    expect((await availability(handle)).inShow).toBe('private');
    expect(await inDirectory()).toBe('private');
    accepted(await write(performerSocket, { type: 'show.end', showId }));
    expect((await availability(handle)).inShow).toBeNull();
    expect(await inDirectory()).toBeNull();
    socket.close();
    performerSocket.close();
  });

  it('marks a room "Group show" from the announcement', async () => {
    const { handle, socket, performerSocket } = await showRoom();
    accepted(await write(performerSocket, { type: 'group.announce', title: 'Karaoke night' }));
    expect((await availability(handle)).inShow).toBe('group');
    socket.close();
    performerSocket.close();
  });
});
