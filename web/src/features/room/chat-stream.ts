import { useMemo, useRef } from 'preact/hooks';
import type { ChatMessage, TipEvent } from '../../../../wire/room.ts';
import type { RoomState } from './room-state.ts';

export type StreamLine =
  | { kind: 'chat'; at: number; message: ChatMessage }
  | { kind: 'tip'; at: number; tip: TipEvent };

/** How many tips the chat keeps; the room's own list keeps only the last few for the bursts. */
const TIPS_KEPT = 50;

/**
 * Chat and tips in one stream, by time: each tip once, kept while the chat still shows messages from its
 * time (the Room's recent-tips list is shorter than the chat). Refunded goal tips stay: they were tipped.
 */
export function chatStream(chat: readonly ChatMessage[], tips: readonly TipEvent[]): StreamLine[] {
  const oldest = chat[0]?.at ?? 0;
  const lines: StreamLine[] = [
    ...chat.map((message) => ({ kind: 'chat' as const, at: message.at, message })),
    ...tips.filter((tip) => tip.at >= oldest).map((tip) => ({ kind: 'tip' as const, at: tip.at, tip })),
  ];
  return lines.sort((a, b) => a.at - b.at);
}

export function useChatStream(room: RoomState): StreamLine[] {
  const seen = useRef(new Map<string, TipEvent>());
  const chat = room.chat.value;
  const tips = room.tips.value;
  const earlier = room.earlierTips.value;
  return useMemo(() => {
    const kept = seen.current;
    for (const tip of [...earlier, ...tips]) if (!kept.has(tip.id)) kept.set(tip.id, tip);
    while (kept.size > TIPS_KEPT) kept.delete(kept.keys().next().value!);
    return chatStream(chat, [...kept.values()]);
  }, [chat, tips, earlier]);
}
