import type { ChatMessage, Person } from '../../wire/room.ts';

/**
 * Chat rules as plain functions, so the Room stays I/O and these stay testable. Moderation,
 * the word filter and chat modes (slow, followers-only, tippers-only) join here later.
 */
export const CHAT_RATE = { messages: 5, windowMs: 5_000 } as const;

/**
 * The chat pace: 5 messages in 5 seconds means one a second on average, with bursts of up to 5
 * (a generic cell rate: each accepted message moves the sender's `due` time on by one second,
 * and a message is refused while `due` is more than the burst ahead of now). A pace, not a count
 * of processing times in a window: messages sent at an easy pace that queued while the Room was
 * busy arrive together, and they are judged by that pace (as long as they fit in the burst)
 * instead of locking their sender out for a whole window afterwards.
 */
export function chatPace(due: number | undefined, now: number): { allowed: boolean; due: number } {
  const interval = CHAT_RATE.windowMs / CHAT_RATE.messages;
  const next = Math.max(due ?? now, now);
  if (next - now > (CHAT_RATE.messages - 1) * interval) return { allowed: false, due: next };
  return { allowed: true, due: next + interval };
}

const MENTION = /(?<![\w@])@([a-z0-9_]{3,30})(?![\w])/gi;

/** `@handle` mentions, lower-cased and each once, in order of first appearance. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => (m[1] ?? '').toLowerCase()))];
}

export function chatMessage(from: Person, text: string, now: number): ChatMessage {
  return { id: crypto.randomUUID(), from, text, mentions: mentionsIn(text), at: now };
}

/** The key that makes a resent chat message (same user, same client id) land once. */
export function chatRef(userId: string, clientId: string): string {
  return `chat:${userId}:${clientId}`;
}
