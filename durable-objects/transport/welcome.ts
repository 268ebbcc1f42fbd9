import { type Person, PROTOCOL_VERSION, type ServerMessage } from '../../wire/room.ts';
import { eventsFrame } from './outbox.ts';

/** Replayed events per frame: a long gap goes on in `events` frames right after `resumed`. */
export const REPLAY_FRAME_EVENTS = 1_000;

type Welcome = Extract<ServerMessage, { type: 'welcome' }>;

/**
 * The answer to a page that keeps its state and whose gap the log still holds: exactly what it
 * missed, as logged (EventLog.replay), and nothing it already has. Frames go out in this order.
 */
export function resumedFrames(you: Person | null, missed: readonly string[]): string[] {
  const first = missed.slice(0, REPLAY_FRAME_EVENTS);
  const frames = [
    withMissed(
      JSON.stringify({ type: 'resumed', version: PROTOCOL_VERSION, you, missed: [] } satisfies ServerMessage),
      first,
    ),
  ];
  for (let at = REPLAY_FRAME_EVENTS; at < missed.length; at += REPLAY_FRAME_EVENTS)
    frames.push(eventsFrame(missed.slice(at, at + REPLAY_FRAME_EVENTS)));
  return frames;
}

/**
 * A welcome (snapshot and all) with its missed events spliced in as logged: one frame, as pages before
 * `resumed` expect.
 */
export function welcomeFrame(welcome: Omit<Welcome, 'missed'>, missed: readonly string[]): string {
  return withMissed(JSON.stringify({ ...welcome, missed: [] } satisfies Welcome), missed);
}

/** `missed` is the message's last key, so its empty list is the frame's last 3 characters. */
function withMissed(json: string, missed: readonly string[]): string {
  if (!json.endsWith('"missed":[]}')) throw new Error('missed must be the last key');
  return `${json.slice(0, -2)}${missed.join(',')}]}`;
}
