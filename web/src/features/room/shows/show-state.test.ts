import { describe, expect, it } from 'vitest';
import { NO_SHOWS, type PublicShow, type SeatView, type ShowRequestView } from '../../../../../wire/shows.ts';
import { at, snapshot } from '../room-fixtures.ts';
import { RoomState } from '../room-state.ts';

const show = (fields: Partial<PublicShow> = {}): PublicShow => ({
  id: 's1',
  kind: 'private',
  phase: 'running',
  startedAt: 1000,
  rate: 60,
  spyRate: 0,
  title: '',
  minimum: 0,
  seats: 1,
  spies: 0,
  publicChat: 'open',
  ...fields,
});
const seat = (fields: Partial<SeatView> = {}): SeatView => ({
  role: 'viewer',
  who: { handle: 'fan', displayName: 'Fan' },
  rate: 60,
  joinedAt: 1000,
  camOn: false,
  tally: { minutesPaid: 1, tokens: 60 },
  endsAt: null,
  ...fields,
});
const request: ShowRequestView = {
  id: 's1',
  kind: 'private',
  viewer: { handle: 'fan', displayName: 'Fan' },
  rate: 60,
  minimumMinutes: 0,
  camToCam: false,
  requestedAt: 1,
  expiresAt: 60_001,
};

describe('paid shows on the room page (show state)', () => {
  it('takes the offer, the show and your seat from the snapshot', () => {
    const room = new RoomState();
    room.reset(snapshot(3, { shows: { ...NO_SHOWS, current: show(), mine: seat() } }));
    expect(room.shows.state.value.current?.id).toBe('s1');
    expect(room.shows.state.value.mine?.tally.tokens).toBe(60);
    expect(room.shows.involved).toBe(true);
  });

  it('tells the viewer their request was declined, and clears it', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { shows: { ...NO_SHOWS, myRequest: request } }));
    room.shows.event({ kind: 'declined', showId: 's1', reason: 'timeout' });
    expect(room.shows.state.value.myRequest).toBeNull();
    expect(room.shows.declined.value).toEqual({ showId: 's1', reason: 'timeout' });
  });

  it('moves a request from the performer’s prompt into the running show when it starts', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    room.shows.event({ kind: 'requested', request });
    expect(room.shows.state.value.requests).toHaveLength(1);
    room.shows.event({ kind: 'started', show: show(), seat: null });
    expect(room.shows.state.value.requests).toEqual([]);
    expect(room.shows.state.value.current?.phase).toBe('running');
  });

  it('counts each paid minute into the payer’s tally and keeps the 60 s warning until the end', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { shows: { ...NO_SHOWS, current: show(), mine: seat() } }));
    room.shows.event({
      kind: 'minute',
      showId: 's1',
      minute: 1,
      seat: seat({ tally: { minutesPaid: 2, tokens: 120 } }),
    });
    expect(room.shows.state.value.mine?.tally).toEqual({ minutesPaid: 2, tokens: 120 });
    room.shows.event({ kind: 'low-balance', showId: 's1', endsAt: 5000, who: null });
    expect(room.shows.lowBalance.value?.endsAt).toBe(5000);
    const summary = {
      showId: 's1',
      kind: 'private' as const,
      durationMs: 120_000,
      minutes: 2,
      tokens: 120,
      reason: 'funds' as const,
    };
    room.shows.event({ kind: 'ended', summary, who: null });
    expect(room.shows.summary.value).toEqual(summary);
    expect(room.shows.lowBalance.value).toBeNull();
    expect(room.shows.state.value.mine).toBeNull();
  });

  it('follows the public show event: a placeholder while it runs, the room back when it ends', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    room.events([at(2, { kind: 'shows', current: show() })]);
    expect(room.shows.state.value.current?.kind).toBe('private');
    room.events([at(3, { kind: 'shows', current: null })]);
    expect(room.shows.state.value.current).toBeNull();
    expect(room.shows.involved).toBe(false);
  });

  it('keeps the snapshot’s show after a resume whose missed events are older', () => {
    const room = new RoomState();
    room.reset(snapshot(1));
    room.resume(snapshot(5, { shows: { ...NO_SHOWS, current: show({ id: 's2' }), mine: seat() } }), [
      at(2, { kind: 'shows', current: null }),
      at(4, { kind: 'shows', current: show({ id: 's2' }) }),
    ]);
    expect(room.shows.state.value.mine).not.toBeNull();
    expect(room.shows.state.value.current?.id).toBe('s2');
  });

  it('shows each show chat line once', () => {
    const room = new RoomState();
    room.reset(snapshot(1, { shows: { ...NO_SHOWS, current: show() } }));
    const line = { id: 'c1', from: null, performer: true, text: 'hi', at: 2 };
    room.shows.event({ kind: 'chat', showId: 's1', message: line });
    room.shows.event({ kind: 'chat', showId: 's1', message: line });
    expect(room.shows.chat.value).toHaveLength(1);
  });

  it('gives the studio the viewer’s camera to pull once it is on and published, and takes it away when off', () => {
    const room = new RoomState();
    const spy = seat({ role: 'spy', who: null, rate: 10 });
    room.reset(snapshot(1, { shows: { ...NO_SHOWS, current: show(), seats: [seat(), spy] } }));
    room.shows.event({ kind: 'cam', showId: 's1', on: true, who: { handle: 'fan', displayName: 'Fan' } });
    expect(room.shows.cam.value).toMatchObject({ showId: 's1', publication: null });
    expect(room.shows.state.value.seats.map((s) => s.camOn)).toEqual([true, false]);
    room.shows.event({ kind: 'cam-media', showId: 's1', publication: 'p1' });
    expect(room.shows.cam.value?.publication).toBe('p1');
    room.shows.event({ kind: 'cam-media', showId: 's1', publication: null });
    expect(room.shows.cam.value?.publication).toBeNull();
    room.shows.event({ kind: 'cam', showId: 's1', on: false, who: null });
    expect(room.shows.cam.value).toBeNull();
    expect(room.shows.state.value.seats.map((s) => s.camOn)).toEqual([false, false]);
  });

  it('takes the camera to pull from a studio’s snapshot mid-show', () => {
    const room = new RoomState();
    const seats = [seat({ camOn: true, camPublication: 'p2' })];
    room.reset(snapshot(1, { shows: { ...NO_SHOWS, current: show(), seats } }));
    expect(room.shows.cam.value).toMatchObject({ showId: 's1', publication: 'p2' });
  });
});
