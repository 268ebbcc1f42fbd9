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
    const row = await this.#db
      .prepare('select ready, status from payout_accounts where provider_account_id = ?')
      .bind(accountId)
      .first<{ ready: number; status: ProviderAccountStatus }>();
    return row?.ready === 1 ? 'active' : (row?.status ?? 'pending');
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
    await this.#db
      .prepare(
        'insert into local_transfers (idempotency_key, transfer_id, payout_id, account_id, amount, currency, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
      )
      .bind(
        transferKey(payout.payoutId),
        transferId,
        payout.payoutId,
        payout.accountId,
        payout.amountCents,
        payout.currency,
        Date.now(),
      )
      .run();
    return { ok: true, ...(await this.findTransfer(payout.payoutId))! };
  }

  async findTransfer(payoutId: string): Promise<{ transferId: string } | null> {
    const row = await this.#db
      .prepare('select transfer_id from local_transfers where idempotency_key = ?')
      .bind(transferKey(payoutId))
      .first<{ transfer_id: string }>();
    return row ? { transferId: row.transfer_id } : null;
  }
}

/**
 * The local onboarding page's answer: the account is ready (and maybe renamed to refuse
 * transfers), or, for `more`, the provider wants more from the performer (action needed).
 */
export async function completeLocalOnboarding(
  db: D1Database,
  accountId: string,
  outcome: 'succeed' | 'fail' | 'more',
): Promise<string | undefined> {
  const base = accountId.endsWith(REFUSES_TRANSFERS) ? accountId.slice(0, -REFUSES_TRANSFERS.length) : accountId;
  const finalId = outcome === 'fail' ? `${base}${REFUSES_TRANSFERS}` : base;
  const status = outcome === 'more' ? 'action_needed' : 'active';
  const row = await db
    .prepare(
      "update payout_accounts set ready = ?, status = ?, provider_account_id = ?, updated_at = ? where provider_account_id = ? and provider = 'local' returning performer_id",
    )
    .bind(status === 'active' ? 1 : 0, status, finalId, Date.now(), accountId)
    .first<{ performer_id: string }>();
  return row ? finalId : undefined;
}

async function readyState(db: D1Database, accountId: string): Promise<boolean | undefined> {
  const row = await db
    .prepare('select ready from payout_accounts where provider_account_id = ?')
    .bind(accountId)
    .first<{ ready: number }>();
  return row ? row.ready === 1 : undefined;
}

export function randomHex(bytes = 12): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
