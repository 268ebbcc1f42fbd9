import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Purchase } from '../../../../wire/money.ts';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { type Backoff, backoffDelay } from '../../lib/backoff.ts';
import { currentUser } from '../../lib/session.ts';

/** What the return page knows about a purchase. */
export type PurchaseView =
  | { kind: 'checking' }
  | { kind: 'pending'; purchase: Purchase }
  /** Paid, failed, cancelled, refunded or disputed, as the server says. */
  | { kind: 'settled'; purchase: Purchase }
  /** The buyer left the checkout page (the provider said so in the return address). */
  | { kind: 'cancelled'; purchase: Purchase | null }
  | { kind: 'timeout'; purchase: Purchase | null }
  | { kind: 'error'; error: ApiFailure };

/** Every second at first, then 1.5 s, 2.25 s … up to every five seconds. */
const POLL_BACKOFF: Backoff = { firstMs: 1000, maxMs: 5000, factor: 1.5 };
const GIVE_UP_MS = 60_000;

/**
 * Polls the purchase while it is pending (the credit arrives by webhook): every second at first,
 * backing off to every five, for about a minute. A cancelled return is checked once, in case the
 * payment went through after all. `checkAgain` starts a fresh minute.
 */
export function usePurchaseStatus(id: string, cancelled: boolean): [PurchaseView, () => void] {
  const [view, setView] = useState<PurchaseView>({ kind: 'checking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    let known: Purchase | null = null;
    const started = Date.now();

    const poll = async () => {
      try {
        const { purchase } = await call(client.wallet.purchases[':id'].$get({ param: { id: encodeURIComponent(id) } }));
        if (stopped) return;
        known = purchase;
        if (purchase.status !== 'pending') return setView({ kind: 'settled', purchase });
        if (cancelled) return setView({ kind: 'cancelled', purchase });
        setView({ kind: 'pending', purchase });
      } catch (error) {
        if (stopped) return;
        if (cancelled) return setView({ kind: 'cancelled', purchase: null });
        const failure =
          error instanceof ApiFailure ? error : new ApiFailure(0, 'INTERNAL', 'Something went wrong; try again');
        // Not found, not yours, signed out: asking again will not help. Network trouble and 5xx might pass.
        if (failure.status >= 400 && failure.status < 500 && failure.status !== 429) {
          if (failure.status === 401) currentUser.value = null;
          return setView({ kind: 'error', error: failure });
        }
      }
      const delay = Math.round(backoffDelay(POLL_BACKOFF, polls++));
      if (Date.now() - started + delay > GIVE_UP_MS) return setView({ kind: 'timeout', purchase: known });
      timer = setTimeout(poll, delay);
    };

    setView((before) =>
      before.kind === 'timeout' && before.purchase
        ? { kind: 'pending', purchase: before.purchase }
        : { kind: 'checking' },
    );
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, cancelled, round]);

  const checkAgain = useCallback(() => setRound((n) => n + 1), []);
  return [view, checkAgain];
}
