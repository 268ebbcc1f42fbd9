import { and, eq } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { localTransfers, payoutAccounts } from '../db/money-schema.ts';
import {
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentProvider,
  type ProviderAccountStatus,
  type TransferResult,
  transferKey,
} from './provider.ts';

/**
 * The provider for development and tests: no network, no keys. Checkout is Encore's own page
 * (/dev/checkout/:purchaseId), which delivers Stripe-shaped, Stripe-signed webhooks to the real
 * webhook route. Payout onboarding is a page too (/dev/payouts/onboarding/:accountId) where the
 * developer picks whether transfers to that account will succeed or be refused, so both payout
 * outcomes can be exercised.
 */
export const LOCAL_ACCOUNT_PREFIX = 'acct_local_';
/** Appended to a local account id at onboarding when the developer chose "transfers fail". */
export const REFUSES_TRANSFERS = '_refuses_transfers';
/** The onboarding page's buttons: ready (transfers succeed or are refused), or the provider wants more. */
export type LocalOnboarding = 'succeed' | 'fail' | 'more';

export class LocalProvider implements PaymentProvider {
  readonly name = 'local';
  readonly #db: D1Database;
  readonly #origin: string;

  constructor(db: D1Database, origin: string) {
    this.#db = db;
    this.#origin = origin;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    return {
      sessionId: `cs_local_${randomHex()}`,
      url: `${this.#origin}/dev/checkout/${encodeURIComponent(request.purchaseId)}`,
    };
  }

  async createPayoutAccount(): Promise<{ accountId: string }> {
    return { accountId: `${LOCAL_ACCOUNT_PREFIX}${randomHex()}` };
  }

  async onboardingUrl(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string> {
    const query = new URLSearchParams({ return: urls.returnUrl, refresh: urls.refreshUrl });
    return `${this.#origin}/dev/payouts/onboarding/${encodeURIComponent(accountId)}?${query}`;
  }

  /** The local page records the developer's choice in the account's row: that row is the provider's record. */
  async payoutAccountStatus(accountId: string): Promise<ProviderAccountStatus> {
    const row = await accountRow(this.#db, accountId);
    return row?.ready ? 'active' : (row?.status ?? 'pending');
  }

  /** Idempotent by the payout's key, like Stripe's: a retry gets the transfer the first call made. */
  async transfer(payout: {
    payoutId: string;
    accountId: string;
    amountCents: number;
    currency: string;
  }): Promise<TransferResult> {
    const made = await this.findTransfer(payout.payoutId);
    if (made) return { ok: true, ...made };
    if (payout.accountId.endsWith(REFUSES_TRANSFERS)) {
      return { ok: false, reason: 'The local payout account was set up to refuse transfers' };
    }
    if ((await readyState(this.#db, payout.accountId)) !== true) {
      return { ok: false, reason: 'The payout account has not finished onboarding' };
    }
    const transferId = `tr_local_${payout.payoutId}`;
    await database({ DB: this.#db })
      .insert(localTransfers)
      .values({
        idempotencyKey: transferKey(payout.payoutId),
        transferId,
        payoutId: payout.payoutId,
        accountId: payout.accountId,
        amount: payout.amountCents,
        currency: payout.currency,
        createdAt: Date.now(),
      })
      .onConflictDoNothing();
    return { ok: true, ...(await this.findTransfer(payout.payoutId))! };
  }

  async findTransfer(payoutId: string): Promise<{ transferId: string } | null> {
    const [row] = await database({ DB: this.#db })
      .select({ transferId: localTransfers.transferId })
      .from(localTransfers)
      .where(eq(localTransfers.idempotencyKey, transferKey(payoutId)));
    return row ?? null;
  }
}

/**
 * The local onboarding page's answer, on the provider's side: the account id it will go by (renamed
 * when the developer chose "transfers fail"). Its status then arrives as Stripe's would, in an
 * `account.updated` event through the webhook (local-events.ts).
 */
export async function finishLocalOnboarding(
  db: D1Database,
  accountId: string,
  outcome: LocalOnboarding,
): Promise<string | undefined> {
  const base = accountId.endsWith(REFUSES_TRANSFERS) ? accountId.slice(0, -REFUSES_TRANSFERS.length) : accountId;
  const finalId = outcome === 'fail' ? `${base}${REFUSES_TRANSFERS}` : base;
  const [row] = await database({ DB: db })
    .update(payoutAccounts)
    .set({ providerAccountId: finalId })
    .where(and(eq(payoutAccounts.providerAccountId, accountId), eq(payoutAccounts.provider, 'local')))
    .returning({ performerId: payoutAccounts.performerId });
  return row ? finalId : undefined;
}

/** Whether the id names a payout account the local provider made (its onboarding page exists). */
export async function isLocalPayoutAccount(db: D1Database, accountId: string): Promise<boolean> {
  const found = await database({ DB: db }).$count(
    payoutAccounts,
    and(eq(payoutAccounts.providerAccountId, accountId), eq(payoutAccounts.provider, 'local')),
  );
  return found > 0;
}

async function accountRow(db: D1Database, accountId: string) {
  const [row] = await database({ DB: db })
    .select({ ready: payoutAccounts.ready, status: payoutAccounts.status })
    .from(payoutAccounts)
    .where(eq(payoutAccounts.providerAccountId, accountId));
  return row;
}

async function readyState(db: D1Database, accountId: string): Promise<boolean | undefined> {
  return (await accountRow(db, accountId))?.ready;
}

export function randomHex(bytes = 12): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
