/**
 * Payment providers behind one interface, so a specialist processor can be added without
 * touching the ledger. Implementations: Stripe (Checkout + Connect, through the `stripe` SDK)
 * and the local provider (its own pages under /dev/checkout and /dev/payouts, webhooks signed
 * exactly as Stripe signs them), chosen by `paymentProvider(env)`.
 */
export type CheckoutRequest = {
  purchaseId: string;
  userId: string;
  email: string;
  packName: string;
  /** Tokens the buyer gets, bonus included, for the product description. */
  tokens: number;
  priceCents: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
};

export type CheckoutSession = { sessionId: string; url: string };

/** An account the provider knows: onboarding unfinished, can receive transfers, or it wants more from the performer. */
export type ProviderAccountStatus = 'pending' | 'active' | 'action_needed';

export type TransferResult = { ok: true; transferId: string } | { ok: false; reason: string };

export interface PaymentProvider {
  readonly name: 'stripe' | 'local';
  /** A hosted page where the buyer pays; no card data ever reaches Encore. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** The performer's payout account, created on first use (Stripe Connect Express). */
  createPayoutAccount(performer: { id: string; email: string }): Promise<{ accountId: string }>;
  /** Where the performer finishes onboarding (Stripe Account Link, or the local page). */
  onboardingUrl(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string>;
  /** Whether the account can receive transfers yet, or still needs the performer. */
  payoutAccountStatus(accountId: string): Promise<ProviderAccountStatus>;
  /**
   * Sends `amountCents` to the performer's account; idempotent by `transferKey(payoutId)`.
   * `ok: false` means the provider refused it (the money can go back to earnings); a throw means
   * the outcome is unknown (network, provider outage): the payout stays approved until
   * `findTransfer` settles it (workers/money/payout-settlement.ts).
   */
  transfer(payout: {
    payoutId: string;
    accountId: string;
    amountCents: number;
    currency: string;
  }): Promise<TransferResult>;
  /** The transfer made for `payoutId`, if any: how an in-doubt payout is reconciled. */
  findTransfer(payoutId: string): Promise<{ transferId: string } | null>;
}

/** The idempotency key of a payout's transfer, the same at every provider and on every retry. */
export const transferKey = (payoutId: string) => `payout:${payoutId}`;
