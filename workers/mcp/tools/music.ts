import { z } from 'zod';
import { RequestSettings, TrackInput } from '../../../wire/music.ts';
import { unwrapRoom } from '../../rooms/room-stub.ts';
import { READ, tool } from '../tool.ts';
import { roomOf } from './room.ts';

const CHANGE = { readOnlyHint: false, destructiveHint: false, idempotentHint: true };
const REPLACE = { readOnlyHint: false, destructiveHint: true, idempotentHint: true };

/** Music: song-request settings and queue, now playing, through the Room methods the studio routes call. */
export const musicTools = [
  tool({
    name: 'requests_settings',
    scope: 'music',
    title: 'Read song-request settings',
    description: 'Whether requests are open, the price, the bump minimum, queue limits, the blocklist and the order.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ settings: await roomOf(env, caller).stub.requestSettingsOf() }),
  }),
  tool({
    name: 'requests_settings_replace',
    scope: 'music',
    title: 'Replace song-request settings',
    description: 'Replaces all song-request settings at once, as the studio form does; the room sees them at once.',
    input: z.object({ settings: RequestSettings }),
    hints: REPLACE,
    run: async ({ env, caller }, { settings }) => {
      const { stub, owner } = roomOf(env, caller);
      return { settings: await stub.setRequestSettings(owner, settings) };
    },
  }),
  tool({
    name: 'requests_queue',
    scope: 'music',
    title: 'Read the song-request queue',
    description: 'The requests waiting, accepted and playing, in order (requesters unless anonymous, tokens held).',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ queue: await roomOf(env, caller).stub.requestQueue() }),
  }),
  tool({
    name: 'now_playing',
    scope: 'music',
    title: 'Read now playing',
    description: 'The track playing now (and the request it played, if any) and the last tracks.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ nowPlaying: await roomOf(env, caller).stub.nowPlaying() }),
  }),
  tool({
    name: 'now_playing_set',
    scope: 'music',
    title: 'Set now playing',
    description:
      'Shows a track as playing now in the room; a queued request with the same title and artist is marked played.',
    input: TrackInput,
    hints: CHANGE,
    run: async ({ env, caller }, track) => {
      const { stub, owner } = roomOf(env, caller);
      return unwrapRoom(await stub.setNowPlaying(owner, track, 'studio'));
    },
  }),
  tool({
    name: 'now_playing_clear',
    scope: 'music',
    title: 'Clear now playing',
    description: 'Shows nothing as playing (the recent tracks stay).',
    input: z.object({}),
    hints: CHANGE,
    run: async ({ env, caller }) => {
      const { stub, owner } = roomOf(env, caller);
      return { nowPlaying: await stub.clearNowPlaying(owner) };
    },
  }),
];
