import { env } from 'cloudflare:workers';
import { Account } from '../../workers/money/accounts.ts';
import { balanced, tipSplit } from '../../workers/money/drafts.ts';
import { commit } from '../../workers/money/ledger.ts';

/**
 * A seat's minutes settled to the performer as a `show_minute` transaction (`memo.phase` settle, referenced by
 * the show id), paid straight from the viewer's wallet: what the figures and earnings read, without running a
 * Room. The real settlement comes out of the show's hold; these readers look only at the settling entries.
 */
export async function settleShowMinutes(p: {
  showId: string;
  viewerId: string;
  performerId: string;
  tokens: number;
  anonymous?: boolean;
}): Promise<void> {
  const split = tipSplit(p.tokens, 30);
  await commit(
    env.DB,
    balanced({
      kind: 'show_minute',
      actorId: p.viewerId,
      counterpartyId: p.performerId,
      reference: p.showId,
      memo: { phase: 'settle', ...(p.anonymous ? { anonymous: true } : {}) },
      entries: [
        { account: Account.wallet(p.viewerId), amount: -p.tokens },
        { account: Account.earnings(p.performerId), amount: split.performer },
        { account: Account.fees, amount: split.platform },
      ],
    }),
    `show-test:${p.showId}:${crypto.randomUUID()}`,
  );
}
