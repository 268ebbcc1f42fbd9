import type { Reaction } from '../../wire/devices.ts';
import type { Person, RoomEvent, RoomRole, TipEvent, TipTier } from '../../wire/room.ts';
import { tipIdempotencyKey } from '../../workers/money/tip-fate.ts';

/** Tip sizes for the animation, in tokens (1 token = 1 cent): from 1, 50, 200 and 1,000. */
const TIERS: readonly [TipTier, number][] = [
  ['huge', 1_000],
  ['large', 200],
  ['medium', 50],
  ['small', 1],
];

export function tipTier(amount: number): TipTier {
  return TIERS.find(([, from]) => amount >= from)?.[0] ?? 'small';
}

/** The ledger's idempotency key: the same client id from the same user is one tip, wherever it is retried. */
export const tipKey = tipIdempotencyKey;

export type TipIntent = {
  from: Person;
  amount: number;
  note: string | null;
  private: boolean;
  anonymous: boolean;
  /** The label of the tip-menu item the tip is for. */
  menuItem?: string;
  /** The tip-menu item's device reaction: it wins over the tip levels. */
  deviceReaction?: Reaction;
  /** The escrowed goal the tip goes to, decided when it arrived (durable-objects/goals.ts). */
  goalId?: string;
};

/** The tip as the Room logs it: the note always; what each viewer sees is decided per audience. */
export function tipEvent(id: string, intent: TipIntent, now: number): TipEvent {
  return {
    id,
    amount: intent.amount,
    tier: tipTier(intent.amount),
    from: intent.anonymous ? null : intent.from,
    note: intent.note,
    private: intent.private,
    at: now,
    ...(intent.menuItem ? { menuItem: intent.menuItem } : {}),
  };
}

/** Who sees what: the performer sees everything; everyone else gets private notes removed. */
export type Audience = 'performer' | 'public';

export function audienceOf(role: RoomRole): Audience {
  return role === 'performer' ? 'performer' : 'public';
}

export function eventFor(event: RoomEvent, audience: Audience): RoomEvent {
  if (event.kind === 'tip' && event.tip.private && audience !== 'performer')
    return { ...event, tip: { ...event.tip, note: null } };
  return event;
}
