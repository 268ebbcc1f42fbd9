import type { Goal } from '../../../../wire/goals.ts';
import { NO_MEDIA } from '../../../../wire/media.ts';
import { NO_CHAT_MODES } from '../../../../wire/moderation.ts';
import type { ChatMessage, Person, RoomSnapshot, SequencedEvent, TipEvent } from '../../../../wire/room.ts';
import { NO_SHOWS } from '../../../../wire/show-limits.ts';

/** Builders for the room unit tests: valid protocol shapes with only what a test cares about given. */
export const fan: Person = { handle: 'fan', displayName: 'Fan', role: 'viewer' };

export function chat(id: string, text = `message ${id}`): ChatMessage {
  return { id, from: fan, text, mentions: [], at: 1 };
}

export function tip(id: string, amount = 10): TipEvent {
  return { id, amount, tier: 'small', from: fan, note: null, private: false, at: 1 };
}

export function goal(id: string, progress = 0): Goal {
  return { id, title: `Goal ${id}`, target: 100, progress, escrow: false, deadline: null, status: 'open' };
}

export function snapshot(seq: number, fields: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    media: NO_MEDIA,
    handle: 'nova',
    live: true,
    title: 'Late show',
    viewers: 3,
    leaderboard: { show: [], king: null },
    modes: NO_CHAT_MODES,
    chat: [],
    menu: [],
    goal: null,
    tips: [],
    nowPlaying: { current: null, recent: [] },
    deviceLevels: [],
    shows: NO_SHOWS,
    seq,
    ...fields,
  };
}

export const at = (seq: number, event: SequencedEvent['event']): SequencedEvent => ({ seq, event });
