/**
 * How a retry waits: steps growing by `factor` from `firstMs`, capped at `maxMs`, each scaled by a
 * random factor between `jitter[0]` and `jitter[1]` so many clients that failed together do not
 * come back together.
 */
export type Backoff = {
  readonly firstMs: number;
  readonly maxMs: number;
  /** 2 unless said. */
  readonly factor?: number;
  /** No jitter unless said. */
  readonly jitter?: readonly [low: number, high: number];
};

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const { firstMs, maxMs, factor = 2, jitter = [1, 1] } = backoff;
  const step = Math.min(maxMs, firstMs * factor ** attempt);
  const [low, high] = jitter;
  return step * (low + random() * (high - low));
}
