import { describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../wire/devices.ts';
import { DEFAULT_REQUEST_SETTINGS, type NowPlaying } from '../../wire/music.ts';
import { liveRoom, RoomSocket } from '../room/room-socket.ts';
import { callOk, callRefused, connectedApp } from './mcp-client.ts';

describe('music and device tools', () => {
  it('changes request settings as the studio route does, and refuses what the studio refuses', async () => {
    const { handle, performerId, performer } = await liveRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const settings = { ...DEFAULT_REQUEST_SETTINGS, open: true, price: 40, blocklist: ['nickelback'] };
    await callOk(client, 'requests_settings_replace', { settings });
    const studio = (await (await performer.fetch('/api/studio/requests')).json()) as { settings: unknown };
    expect(studio.settings).toEqual(settings);
    const refusal = await callRefused(client, 'requests_settings_replace', { settings: { ...settings, price: 0 } });
    const studioRefusal = await performer.fetch('/api/studio/requests', {
      method: 'PUT',
      json: { ...settings, price: 0 },
    });
    expect(studioRefusal.status).toBe(400);
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect((await callOk<{ settings: { price: number } }>(client, 'requests_settings')).settings.price).toBe(40);
    expect(await callOk(client, 'requests_queue')).toMatchObject({ queue: { open: true, price: 40, queue: [] } });
  });

  it('sets now playing, which the room sees, and clears it', async () => {
    const { handle, performerId } = await liveRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const { socket } = await RoomSocket.join(handle);
    await callOk(client, 'now_playing_set', { title: 'Blue Monday', artist: 'New Order' });
    const [event] = await socket.waitForEvents('track');
    expect(event!.nowPlaying.current).toMatchObject({ title: 'Blue Monday', artist: 'New Order' });
    const read = await callOk<{ nowPlaying: NowPlaying }>(client, 'now_playing');
    expect(read.nowPlaying.current?.title).toBe('Blue Monday');
    await callOk(client, 'now_playing_clear');
    expect((await callOk<{ nowPlaying: NowPlaying }>(client, 'now_playing')).nowPlaying.current).toBeNull();
    expect((await callRefused(client, 'now_playing_set', { title: '' })).code).toBe('VALIDATION_FAILED');
  });

  it('replaces tip levels and toy limits as the studio does, and is not listed without the devices scope', async () => {
    const { handle, performerId, performer } = await liveRoom();
    const { client } = await connectedApp({ userId: performerId, handle });
    const settings: DeviceSettings = {
      levels: [{ min: 1, max: null, reaction: { kind: 'steady', intensity: 40, seconds: 5 } }],
      maxIntensity: 60,
      maxQueue: 5,
    };
    await callOk(client, 'device_settings_replace', { settings });
    const studio = (await (await performer.fetch('/api/studio/devices')).json()) as { settings: DeviceSettings };
    expect(studio.settings).toMatchObject(settings);
    const limited = await connectedApp({ userId: performerId, handle }, ['room']);
    const names = (await limited.client.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('device_settings_replace');
    expect(names).not.toContain('now_playing_set');
    expect((await callRefused(limited.client, 'device_settings_replace', { settings })).code).toBe('FORBIDDEN');
  });
});
