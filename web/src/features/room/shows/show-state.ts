import { signal } from '@preact/signals';
import { assertNever } from '../../../../../wire/room.ts';
import { NO_SHOWS } from '../../../../../wire/show-limits.ts';
import type {
  PublicShow,
  RoomShows,
  ShowDeclineReason,
  ShowEvent,
  ShowPerson,
  ShowSummary,
} from '../../../../../wire/shows.ts';

/** A line of a show's own chat (private: the two sides; group: participants write, everyone reads). */
export type ShowChatLine = Extract<ShowEvent, { kind: 'chat' }>['message'];
/** The 60 s warning: the wallet cannot pay the next minute, so the show (or seat) ends at `endsAt`. */
export type LowBalance = { showId: string; endsAt: number; who: ShowPerson };
/** How your last request ended without a show (nothing charged). */
export type Declined = { showId: string; reason: ShowDeclineReason };

/** Show chat lines kept on the page (the Room does not replay them). */
const SHOW_CHAT_KEPT = 200;

/**
 * The paid-show side of a room page, as signals: the public part (`current`) follows the numbered `shows`
 * events; the private part (your seat, your request, the performer's requests and seats) follows the
 * snapshot, `show.result` answers and the `show.event` frames sent to this person only. A reconnect takes
 * everything again from the snapshot (the page asks for one while a show involves it).
 */
export class ShowsState {
  readonly state = signal<RoomShows>(NO_SHOWS);
  readonly chat = signal<readonly ShowChatLine[]>([]);
  readonly lowBalance = signal<LowBalance | null>(null);
  readonly declined = signal<Declined | null>(null);
  /** The summary of the show (or seat) that just ended here, until the page dismisses it. */
  readonly summary = signal<ShowSummary | null>(null);
  /**
   * The performer: the viewer whose camera is on in the current show (cam-to-cam), and its publication to
   * pull (null until the viewer's page has published it).
   */
  readonly cam = signal<{ showId: string; who: ShowPerson; publication: string | null } | null>(null);

  /** A snapshot (welcome): the whole show state from the Room. */
  reset(shows: RoomShows): void {
    const before = this.state.value.current?.id;
    this.state.value = shows;
    if (shows.current?.id !== before) this.chat.value = [];
    if (this.lowBalance.value && this.lowBalance.value.showId !== shows.current?.id) this.lowBalance.value = null;
    if (!shows.mine?.endsAt && shows.current?.phase === 'running' && this.lowBalance.value)
      this.lowBalance.value = null;
    if (shows.mine?.endsAt && shows.current)
      this.lowBalance.value = { showId: shows.current.id, endsAt: shows.mine.endsAt, who: shows.mine.who };
    const camSeat = shows.seats.find((s) => s.camOn);
    this.cam.value =
      camSeat && shows.current
        ? { showId: shows.current.id, who: camSeat.who, publication: camSeat.camPublication ?? null }
        : null;
  }

  /** The numbered public event: the room's show started, changed or ended. */
  current(current: PublicShow | null): void {
    const was = this.state.value;
    const ended = !current || current.phase === 'ended';
    this.state.value = {
      ...was,
      current: ended ? null : current,
      // Your seat and the performer's seats belong to the show that is on; none once it is over.
      ...(ended || (was.current && was.current.id !== current.id) ? { mine: null, seats: [] } : {}),
    };
    if (ended) {
      this.lowBalance.value = null;
      this.cam.value = null;
    }
  }

  /** A show write landed: the Room's word on where the show stands for you now. */
  result(shows: RoomShows): void {
    this.reset(shows);
    if (shows.myRequest || shows.mine) this.declined.value = null;
  }

  event(event: ShowEvent): void {
    const was = this.state.value;
    switch (event.kind) {
      case 'requested':
        this.state.value = {
          ...was,
          requests: [...was.requests.filter((r) => r.id !== event.request.id), event.request],
        };
        return;
      case 'declined':
        this.state.value = {
          ...was,
          requests: was.requests.filter((r) => r.id !== event.showId),
          myRequest: was.myRequest?.id === event.showId ? null : was.myRequest,
        };
        if (was.myRequest?.id === event.showId) this.declined.value = { showId: event.showId, reason: event.reason };
        return;
      case 'started':
        this.state.value = {
          ...was,
          current: event.show,
          mine: event.seat ?? (was.current?.id === event.show.id ? was.mine : null),
          myRequest: was.myRequest?.id === event.show.id ? null : was.myRequest,
          requests: was.requests.filter((r) => r.id !== event.show.id),
        };
        if (was.current?.id !== event.show.id) this.chat.value = [];
        this.summary.value = null;
        this.declined.value = null;
        return;
      case 'minute': {
        // To the payer it is their own seat; to the performer, one of the seats.
        this.state.value = { ...was, mine: was.mine ? event.seat : null, seats: replaceSeat(was.seats, event.seat) };
        return;
      }
      case 'low-balance':
        this.lowBalance.value = { showId: event.showId, endsAt: event.endsAt, who: event.who };
        return;
      case 'ended': {
        this.summary.value = event.summary;
        this.lowBalance.value = null;
        const whole = was.current?.id === event.summary.showId && (was.mine !== null || event.who === null);
        this.state.value = {
          ...was,
          mine: null,
          seats: event.who ? was.seats.filter((s) => !sameSeat(s.who, event.who)) : [],
          current: whole && event.summary.kind !== 'group' ? null : was.current,
        };
        if (this.cam.value?.showId === event.summary.showId) this.cam.value = null;
        return;
      }
      case 'seat':
        this.state.value = {
          ...was,
          seats: event.joined
            ? replaceSeat(was.seats, event.seat)
            : was.seats.filter((s) => !sameSeat(s.who, event.seat.who)),
        };
        return;
      case 'cam': {
        const same = this.cam.value?.showId === event.showId ? this.cam.value.publication : null;
        this.cam.value = event.on ? { showId: event.showId, who: event.who, publication: same } : null;
        // Only the private viewer's seat has a camera.
        this.state.value = {
          ...was,
          seats: was.seats.map((s) => (s.role === 'viewer' ? { ...s, camOn: event.on } : s)),
        };
        return;
      }
      case 'cam-media':
        if (this.cam.value?.showId === event.showId)
          this.cam.value = { ...this.cam.value, publication: event.publication };
        return;
      case 'chat':
        if (this.chat.value.some((m) => m.id === event.message.id)) return;
        this.chat.value = [...this.chat.value, event.message].slice(-SHOW_CHAT_KEPT);
        return;
      default:
        // Frames are parsed against the protocol first: a new kind fails the type check until handled here.
        assertNever(event);
    }
  }

  /** Whether a show involves this page, so a reconnect must bring the full snapshot (show events are not logged). */
  get involved(): boolean {
    const s = this.state.value;
    return s.current !== null || s.myRequest !== null || s.requests.length > 0 || s.mine !== null;
  }
}

/** Two seats are the same person's (anonymous seats compare equal only to each other). */
function sameSeat(a: ShowPerson, b: ShowPerson): boolean {
  return a === null || b === null ? a === b : a.handle === b.handle;
}

function replaceSeat<T extends { who: ShowPerson }>(seats: readonly T[], seat: T): T[] {
  const at = seats.findIndex((s) => sameSeat(s.who, seat.who));
  return at === -1 ? [...seats, seat] : seats.map((s, i) => (i === at ? seat : s));
}
