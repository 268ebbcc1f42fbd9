import { useEffect } from 'preact/hooks';
import { refreshWallet } from '../../lib/wallet.ts';
import type { RoomState } from './room-state.ts';

/**
 * Keeps the balance chip true in the room: a goal's refund (tips.refunded) gives tokens back without a
 * tip.result to carry the new balance, so the wallet is asked again; purchases in another tab are caught
 * by the header chip when this tab comes back into view.
 */
export function useWalletFreshness(room: RoomState, signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn) return;
    return room.refunds.subscribe((n) => {
      if (n > 0) void refreshWallet();
    });
  }, [signedIn]);
}
