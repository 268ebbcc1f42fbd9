import { Account } from './accounts.ts';
import { balanced, type Draft } from './drafts.ts';

/**
 * An admin's wallet adjustment: tokens given (a goodwill credit) or taken back (a correction),
 * always against `platform:promotions`, so the ledger still sums to zero. The wallet's own
 * constraint refuses taking back more than it holds.
 */
export function walletAdjustmentDraft(a: {
  userId: string;
  amount: number;
  adminEmail: string;
  reason: string;
}): Draft {
  return balanced({
    kind: 'adjustment',
    actorId: a.adminEmail,
    counterpartyId: a.userId,
    memo: { reason: a.reason },
    entries: [
      { account: Account.wallet(a.userId), amount: a.amount },
      { account: Account.promotions, amount: -a.amount },
    ],
  });
}
