import type { ChatMessage, Person } from '../wire/room.ts';

/**
 * Chat rules as plain functions, so the Room stays I/O and these stay testable. Moderation,
 * the word filter and chat modes (slow, followers-only, tippers-only) join here later.
 */
export const CHAT_RATE = { messages: 5, windowMs: 5_000 } as const;

/**
 * A sliding window: at most `limit` events in any `windowMs`. Returns the pruned times, with
 * `now` added when allowed, so the caller stores the result (in the socket's attachment).
 */
export function slidingWindow(times: readonly number[], now: number, limit: number, windowMs: number): { allowed: boolean; times: number[] } {
  const recent = times.filter((t) => t > now - windowMs && t <= now);
  if (recent.length >= limit) return { allowed: false, times: recent };
  return { allowed: true, times: [...recent, now] };
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
