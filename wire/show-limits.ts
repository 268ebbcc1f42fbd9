import type { RoomShows } from './shows.ts';

/** Paid shows' limits and empty state, without zod (wire/shows.ts re-exports them), for the room page's weight. */
export const SHOW_RATE_MIN = 6;
export const SHOW_RATE_MAX = 999;
export const SHOW_MINIMUM_MINUTES_MAX = 10;
export const GROUP_MINIMUM_MAX = 50;
export const GROUP_TITLE_MAX_CHARS = 80;
export const SHOW_CHAT_MAX_CHARS = 500;
/** A request the performer does not answer is dropped (nothing charged) after this. */
export const SHOW_REQUEST_TIMEOUT_MS = 60_000;
/** The billing minute. Only the local stack may shorten it (SHOW_MINUTE_MS); production refuses any other. */
export const SHOW_MINUTE_MS = 60_000;
/** A minute whose charge is not committed this long after its boundary ends the show at the last paid one. */
export const SHOW_CHARGE_DEADLINE_MS = 30_000;
/**
 * A seat holder (or the performer) with no socket open, and the performer with no camera either, keeps the
 * seat this long (a reload, a network blip); past it the seat ends as of the drop (durable-objects/shows/
 * seat-presence.ts). Like the request timeout and the charge deadline, it stays 60 s with a short test minute.
 */
export const SHOW_SEAT_GRACE_MS = 60_000;

export const NO_SHOWS: RoomShows = {
  offer: null,
  current: null,
  mine: null,
  myRequest: null,
  requests: [],
  seats: [],
  minuteMs: SHOW_MINUTE_MS,
};
