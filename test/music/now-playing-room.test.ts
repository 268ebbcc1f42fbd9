import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TrackListener } from '../../durable-objects/music/track-listener.ts';
import type { Room } from '../../durable-objects/room.ts';
import { RECENT_TRACKS, type TrackInput } from '../../wire/music.ts';
import { drained, newRoom, RoomSocket, roomStub } from '../room/room-socket.ts';

/** A fresh room and a way to play tracks in it through the Room's RPC, as the studio route does. */
async function roomWithTracks() {
  const { handle, performerId, performer } = await newRoom();
  const owner = { handle, performerId };
  const stub = roomStub(handle);
  const play = (track: TrackInput, source: 'studio' | 'companion' = 'studio') =>
    stub.setNowPlaying(owner, track, source);
  return { handle, owner, stub, play, performer };
}

/** Puts `listeners` in place of the Room's own (the song-request queue plugs in there). */
async function listenWith(handle: string, listeners: TrackListener[]): Promise<void> {
  await runInDurableObject(roomStub(handle), (room: Room) => {
    (room as unknown as { trackListeners: () => TrackListener[] }).trackListeners = () => listeners;
  });
}

describe('now playing in the Room', () => {
  it('shows a new track to everyone in the room at once, and to whoever joins later', async () => {
    const { handle, play } = await roomWithTracks();
    const { socket } = await RoomSocket.join(handle);
    const answer = await play({ title: ' Midnight City ', artist: 'M83' });
    expect(answer).toMatchObject({
      ok: true,
      value: { repeat: false, nowPlaying: { current: { title: 'Midnight City', artist: 'M83', request: null } } },
    });
    const [event] = await socket.waitForEvents('track');
    expect(event?.nowPlaying.current).toMatchObject({ title: 'Midnight City', artist: 'M83' });
    expect(event?.nowPlaying.recent).toEqual([]);
    const { welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.nowPlaying).toEqual(event?.nowPlaying);
  });

  it('ignores a repeat of the current track, however it is cased or spaced, and says it was a repeat', async () => {
    const { handle, play } = await roomWithTracks();
    const { socket } = await RoomSocket.join(handle);
    await play({ title: 'Strobe', artist: 'deadmau5' });
    const again = await play({ title: 'strobe ', artist: 'Deadmau5' }, 'companion');
    expect(again).toMatchObject({ ok: true, value: { repeat: true, nowPlaying: { current: { title: 'Strobe' } } } });
    await drained(handle, socket);
    expect(socket.eventsOf('track')).toHaveLength(1);
  });

  it('keeps the current track and the 20 before it, newest first', async () => {
    const { play, stub } = await roomWithTracks();
    for (let n = 1; n <= RECENT_TRACKS + 5; n++) await play({ title: `Track ${n}`, artist: 'DJ' });
    const feed = await stub.nowPlaying();
    expect(feed.current?.title).toBe(`Track ${RECENT_TRACKS + 5}`);
    expect(feed.recent.map((t) => t.title)).toEqual(
      Array.from({ length: RECENT_TRACKS }, (_, i) => `Track ${RECENT_TRACKS + 4 - i}`),
    );
  });

  it('clears the current track, which joins the recent ones; the same track played again is new', async () => {
    const { handle, owner, play, stub } = await roomWithTracks();
    const { socket } = await RoomSocket.join(handle);
    await play({ title: 'One', artist: 'A' });
    await play({ title: 'Two', artist: 'B' });
    const cleared = await stub.clearNowPlaying(owner);
    expect(cleared.current).toBeNull();
    expect(cleared.recent.map((t) => t.title)).toEqual(['Two', 'One']);
    const events = await socket.waitForEvents('track', 3);
    expect(events[2]?.nowPlaying).toEqual(cleared);
    // Clearing again changes nothing and tells nobody.
    expect(await stub.clearNowPlaying(owner)).toEqual(cleared);
    expect(await play({ title: 'Two', artist: 'B' })).toMatchObject({ ok: true, value: { repeat: false } });
    await drained(handle, socket);
    expect(socket.eventsOf('track')).toHaveLength(4);
  });

  it('refuses an empty or over-long title with a 400 and changes nothing', async () => {
    const { handle, play, stub } = await roomWithTracks();
    await play({ title: 'Kept', artist: '' });
    for (const track of [
      { title: '   ', artist: 'X' },
      { title: 'x'.repeat(201) },
      { title: 'Ok', artist: 'y'.repeat(201) },
    ])
      expect(await play(track as TrackInput)).toMatchObject({
        ok: false,
        error: { status: 400, code: 'VALIDATION_FAILED' },
      });
    expect((await stub.nowPlaying()).current?.title).toBe('Kept');
    expect((await RoomSocket.join(handle)).welcome.snapshot.nowPlaying.recent).toEqual([]);
  });

  it('records the first match of the track listeners, and shows an anonymous requester as nobody', async () => {
    const { handle, play } = await roomWithTracks();
    const told: string[] = [];
    await listenWith(handle, [
      async (track) => {
        told.push(`first:${track.title}`);
        return null;
      },
      async (track, playOf) => {
        told.push(`second:${track.title}`);
        return track.title === 'Requested' ? { requestId: `req-${playOf.id.length}`, requester: null } : null;
      },
      async (track) => {
        told.push(`third:${track.title}`);
        return { requestId: 'later', requester: 'someone' };
      },
    ]);
    const { socket } = await RoomSocket.join(handle);
    const answer = await play({ title: 'Requested', artist: 'Band' });
    expect(answer.ok && answer.value.nowPlaying.current?.request).toEqual({ id: 'req-36', requester: null });
    expect(told).toEqual(['first:Requested', 'second:Requested', 'third:Requested']);
    const [event] = await socket.waitForEvents('track');
    expect(event?.nowPlaying.current?.request).toEqual({ id: 'req-36', requester: null });
    // A repeat asks nobody again.
    await play({ title: 'requested', artist: 'band' });
    expect(told).toHaveLength(3);
  });

  it('still shows the track when a listener fails', async () => {
    const { handle, play } = await roomWithTracks();
    await listenWith(handle, [
      async () => {
        throw new Error('D1 is down');
      },
    ]);
    expect(await play({ title: 'Through', artist: 'It' })).toMatchObject({
      ok: true,
      value: { nowPlaying: { current: { title: 'Through', request: null } } },
    });
  });

  it('makes many identical posts at once into one play', async () => {
    const { handle, play } = await roomWithTracks();
    let asked = 0;
    // The listener waits on D1, as the request queue does: other calls could come in meanwhile.
    await listenWith(handle, [
      async () => {
        asked++;
        await env.DB.prepare('select 1').first();
        return { requestId: 'r1', requester: 'fan' };
      },
    ]);
    const { socket } = await RoomSocket.join(handle);
    const answers = await Promise.all(Array.from({ length: 10 }, () => play({ title: 'Same', artist: 'Track' })));
    expect(answers.filter((a) => a.ok && !a.value.repeat)).toHaveLength(1);
    expect(answers.every((a) => a.ok && a.value.nowPlaying.current?.request?.id === 'r1')).toBe(true);
    expect(asked).toBe(1);
    await drained(handle, socket);
    expect(socket.eventsOf('track')).toHaveLength(1);
  });

  it('finishes a play that an evicted Room wrote but never announced when the same track is sent again', async () => {
    const { handle, play } = await roomWithTracks();
    await play({ title: 'Before', artist: 'X' });
    // What a Room stopped between writing the play and asking the queue leaves behind.
    await runInDurableObject(roomStub(handle), (_room: Room, state) => {
      state.storage.sql.exec(
        'insert into played_tracks (id, title, artist, source, at, shown) ' +
          "values ('p-1', 'After', 'Y', 'companion', 1, 0)",
      );
    });
    await evictDurableObject(roomStub(handle));
    const { socket, welcome } = await RoomSocket.join(handle);
    expect(welcome.snapshot.nowPlaying.current?.title).toBe('Before');
    const playIds: string[] = [];
    await listenWith(handle, [
      async (_track, playOf) => {
        playIds.push(playOf.id);
        return null;
      },
    ]);
    expect(await play({ title: 'After', artist: 'Y' }, 'companion')).toMatchObject({
      ok: true,
      value: { repeat: false, nowPlaying: { current: { title: 'After' }, recent: [{ title: 'Before' }] } },
    });
    expect(playIds).toEqual(['p-1']);
    expect(await play({ title: 'After', artist: 'Y' }, 'companion')).toMatchObject({
      ok: true,
      value: { repeat: true },
    });
    await drained(handle, socket);
    expect(socket.eventsOf('track')).toHaveLength(1);
  });

  it('replays a missed track to a page that reconnects with its last sequence number', async () => {
    const { handle, play } = await roomWithTracks();
    const { welcome } = await RoomSocket.join(handle);
    await play({ title: 'While away', artist: 'Z' });
    const { welcome: back } = await RoomSocket.join(handle, undefined, welcome.snapshot.seq);
    expect(back.resume).toBe('replayed');
    expect(back.missed.map((e) => e.event)).toMatchObject([
      { kind: 'track', nowPlaying: { current: { title: 'While away' } } },
    ]);
  });
});
