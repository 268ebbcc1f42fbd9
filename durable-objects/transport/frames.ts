import type { z } from 'zod';
import { CLIENT_MESSAGE_TYPES, ClientMessage, type FrameError, MAX_FRAME_BYTES } from '../../wire/room.ts';

/**
 * Reads one incoming frame without trusting it: size first (before any parsing), then JSON,
 * then the protocol schema. A failure is a code and a short message, never a stack.
 */
export type FrameReading = { ok: true; message: ClientMessage } | { ok: false; code: FrameError; message: string };

/** A socket that sends this many bad frames within the window is closed: 10 in any 10 seconds. */
export const ABUSE_LIMIT = { frames: 10, windowMs: 10_000 } as const;

/** Records one bad frame; `close` once the socket reaches the limit. */
export function badFrame(times: readonly number[], now: number): { close: boolean; times: number[] } {
  const recent = [...times.filter((t) => t > now - ABUSE_LIMIT.windowMs && t <= now), now];
  return { close: recent.length >= ABUSE_LIMIT.frames, times: recent };
}

const encoder = new TextEncoder();

export function frameBytes(frame: string | ArrayBuffer): number {
  if (typeof frame !== 'string') return frame.byteLength;
  // UTF-8 is at most 3 bytes per UTF-16 unit, so most frames need no encoding to be measured.
  return frame.length * 3 <= MAX_FRAME_BYTES ? frame.length : encoder.encode(frame).byteLength;
}

export function readFrame(frame: string | ArrayBuffer): FrameReading {
  if (frameBytes(frame) > MAX_FRAME_BYTES)
    return { ok: false, code: 'TOO_LARGE', message: `Frames are limited to ${MAX_FRAME_BYTES} bytes` };
  if (typeof frame !== 'string') return { ok: false, code: 'MALFORMED', message: 'Frames are JSON text' };
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return { ok: false, code: 'MALFORMED', message: 'Frames are JSON text' };
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (typeof type !== 'string' || !CLIENT_MESSAGE_TYPES.includes(type)) {
    return { ok: false, code: 'UNKNOWN_TYPE', message: 'Unknown message type' };
  }
  const parsed = ClientMessage.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'MALFORMED', message: describe(parsed.error) };
  return { ok: true, message: parsed.data };
}

/** The first problem, by field: enough for a developer, nothing from the server's insides. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The message is not valid';
  const path = issue.path.map(String).join('.') || '(message)';
  return `${path}: ${issue.message}`.slice(0, 200);
}
