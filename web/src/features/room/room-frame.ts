import { NO_TRACKS } from '../../../../wire/music-limits.ts';
import type { SequencedEvent, ServerMessage } from '../../../../wire/room.ts';
import { NO_SHOWS } from '../../../../wire/show-limits.ts';

/**
 * Reads a frame from the Room without zod. Why not `ServerMessage.safeParse`: full zod is 25 KB of
 * gzipped JavaScript, more than a third of the room page's budget (issue 18). The Room is our own
 * code behind the same origin, and its every frame is parsed against `ServerMessage` in the worker
 * tests (test/room/room-socket.ts), so the page checks the envelope only: JSON, a known message type,
 * known event kinds (a newer Room's unknown kinds are dropped, as the protocol promises), and the
 * snapshot's defaults filled in as zod would. The lists are typed against the protocol: a new message
 * type or event kind fails the type check here until it is listed.
 */
const TYPES: Record<ServerMessage['type'], true> = {
  welcome: true,
  resumed: true,
  events: true,
  'chat.result': true,
  'tip.result': true,
  'request.result': true,
  'tip.status': true,
  rejected: true,
  'mod.result': true,
  'mod.panel': true,
  'mod.viewers': true,
  'report.result': true,
  'device.result': true,
  'show.result': true,
  'show.event': true,
  standing: true,
  error: true,
  pong: true,
};
const KINDS: Record<SequencedEvent['event']['kind'], true> = {
  chat: true,
  tip: true,
  'tips.refunded': true,
  presence: true,
  show: true,
  leaderboard: true,
  media: true,
  menu: true,
  goal: true,
  'goal.reached': true,
  modes: true,
  'chat.deleted': true,
  'chat.cleared': true,
  track: true,
  devices: true,
  'device.levels': true,
  requests: true,
  shows: true,
};

const known = (list: Record<string, true>, key: unknown): boolean =>
  typeof key === 'string' && Object.hasOwn(list, key);

function knownEvents(events: unknown): SequencedEvent[] {
  if (!Array.isArray(events)) return [];
  return events.filter(
    (e): e is SequencedEvent =>
      typeof e?.seq === 'number' && typeof e.event === 'object' && known(KINDS, e.event?.kind),
  );
}

/** The frame as a protocol message, or null for one this page does not understand. */
export function readFrame(data: unknown): ServerMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(String(data));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || !known(TYPES, (raw as { type?: unknown }).type)) return null;
  const message = raw as ServerMessage;
  if (message.type === 'events') message.events = knownEvents(message.events);
  if (message.type === 'welcome' || message.type === 'resumed') message.missed = knownEvents(message.missed);
  if (message.type === 'welcome') {
    if (typeof message.snapshot !== 'object' || message.snapshot === null) return null;
    message.snapshot.tips ??= [];
    message.snapshot.nowPlaying ??= NO_TRACKS;
    message.snapshot.deviceLevels ??= [];
    message.snapshot.shows ??= NO_SHOWS;
  }
  return message;
}
