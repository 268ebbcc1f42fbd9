import { describe, expect, it } from 'vitest';
import type { PerformerProfile, PerformerResponse } from '../../wire/profile.ts';
import { Browser } from '../client.ts';
import { newRoom } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

describe('profile tools', () => {
  it('reads the performer’s own profile as the public page shows it', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const { profile } = await callOk<{ profile: PerformerProfile }>(client, 'profile_read');
    const shown = (await (await new Browser().fetch(`/api/performers/${handle}`)).json()) as PerformerResponse;
    expect(profile).toEqual(shown.performer);
  });

  it('updates bio, tags, links and schedule, and the public profile shows them', async () => {
    const { handle, performerId } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const schedule = { timeZone: 'Europe/Berlin', slots: [{ day: 'fri', start: '20:00', end: '23:00' }] };
    const links = [{ label: 'Shop', url: 'https://shop.example/nova' }];
    await callOk(client, 'profile_update', {
      bio: 'New lights tonight',
      tags: ['Music', 'music', 'chill'],
      links,
      schedule,
    });
    const shown = (await (await new Browser().fetch(`/api/performers/${handle}`)).json()) as PerformerResponse;
    expect(shown.performer).toMatchObject({ bio: 'New lights tonight', tags: ['music', 'chill'], links, schedule });
  });

  it('refuses a bad schedule with the studio’s own validation error and changes nothing', async () => {
    const { handle, performerId, performer } = await newRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const bad = { schedule: { timeZone: 'Mars/Olympus', slots: [] }, bio: 'never saved' };
    const refusal = await callRefused(client, 'profile_update', bad);
    const studio = await performer.fetch(`/api/performers/${handle}`, { method: 'PATCH', json: bad });
    expect(studio.status).toBe(400);
    expect(refusal).toEqual(((await studio.json()) as { error: unknown }).error);
    expect(refusal.code).toBe('VALIDATION_FAILED');
    const shown = (await (await new Browser().fetch(`/api/performers/${handle}`)).json()) as PerformerResponse;
    expect(shown.performer.bio).toBe('');
  });
});
