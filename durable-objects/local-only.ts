import { type RoomResult, refused } from '../wire/room-result.ts';
import { standInsEnabled } from '../workers/stand-ins.ts';
import type { TipDesk } from './tips/tip-desk.ts';
import { tipKey } from './tips/tip-rules.ts';
import type { RoomOwner } from './transport/identity.ts';

/**
 * What only the local stack may ask of a Room: the benchmark's switches, the tests' drain and the tests'
 * clock. They are held here rather than as public fields on the tip desk, the outbox and the Room, and
 * the Room changes them only through RPCs that refuse unless the local stand-ins are on
 * (workers/stand-ins.ts), so in production they keep their defaults.
 */
export class LocalSwitches {
  /**
   * The benchmark's naive path (bench/room.ts, `benchMode`): one D1 batch per tip awaited in turn and one
   * frame per event per socket, timed against the real one in the same run.
   */
  naive = false;
  /** How far the Room's clock runs ahead of the wall clock (`advanceClockForTests`): rules that last a while. */
  aheadMs = 0;
  /** The paid shows' billing minute for this Room (`setShowMinuteForTests`), else SHOW_MINUTE_MS's rule. */
  showMinuteMs: number | undefined = undefined;
}

/** What the dev bench route asks a Room: the naive path on or off, or tips put straight on the tip desk. */
export type BenchOrder = { naive: boolean } | { tips: { tippers: string[]; count: number; tag: string } };

/**
 * The refusal a bench or test-only RPC gives outside the local stack (the opt-in of workers/stand-ins.ts):
 * the same answer as a /dev route that does not exist.
 */
export function localStackOnly(env: Env): RoomResult<never> | undefined {
  return standInsEnabled(env) ? undefined : refused(404, 'NOT_FOUND', 'Not available here');
}

type TipHolder = Pick<TipDesk, 'hold'>;

/** `count` 1-token tips from the bench's tippers, in turn, each held as a socket's tip would be. */
export async function benchTips(
  desk: TipHolder,
  owner: RoomOwner | undefined,
  order: Extract<BenchOrder, { tips: unknown }>['tips'],
): Promise<void> {
  for (let i = 0; i < order.count; i++) {
    const userId = order.tippers[i % order.tippers.length]!;
    const clientId = `bench-${order.tag}-${i}`;
    const from = { handle: userId, displayName: userId, role: 'viewer' as const };
    await desk.hold(
      { key: tipKey(userId, clientId), userId, clientId, receivedAt: Date.now() },
      { from, amount: 1, note: null, private: false, anonymous: false },
      owner,
    );
  }
}

const DRAIN_LOOK_MS = 5;
/** A drain gives up after this long (tips D1 keeps refusing wait for the alarm, not for the drain). */
const DRAIN_LIMIT_MS = 10_000;

/** Resolves once none of `parts` is busy (a tip window or batch, a tick to send), looking every few ms. */
export async function drained(parts: readonly { busy(): boolean }[]): Promise<void> {
  const until = Date.now() + DRAIN_LIMIT_MS;
  while (parts.some((part) => part.busy()) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_LOOK_MS));
  }
}
