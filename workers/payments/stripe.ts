import Stripe from 'stripe';
import { accountStatus } from './account-events.ts';
import {
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentProvider,
  type ProviderAccountStatus,
  type TransferResult,
  transferKey,
} from './provider.ts';

/**
 * Stripe Checkout for purchases and Stripe Connect (Express accounts, transfers) for payouts,
 * through the official SDK on its fetch HTTP client. STRIPE_API_URL, when set, points the SDK
 * at another host (the tests' stand-in), so this exact code runs in tests.
 */
export function stripeClient(env: Pick<Env, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL'>): Stripe {
  return new Stripe(env.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    // POSTs retried by the SDK carry its idempotency key, so a retry cannot charge twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...apiAddress(env.STRIPE_API_URL),
  });
}

function apiAddress(url: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!url) return {};
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: Number(parsed.port) || (protocol === 'http' ? 80 : 443), protocol };
}

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly #stripe: Stripe;

  constructor(env: Pick<Env, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL'>) {
    this.#stripe = stripeClient(env);
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const metadata = { purchase_id: request.purchaseId, user_id: request.userId };
    const session = await this.#stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency,
              unit_amount: request.priceCents,
              product_data: { name: `${request.packName} · ${request.tokens.toLocaleString('en-US')} tokens` },
            },
          },
        ],
        client_reference_id: request.purchaseId,
        customer_email: request.email,
        metadata,
        // Copied onto the charge, so a refund or dispute can name its purchase too.
        payment_intent_data: { metadata },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
      { idempotencyKey: `checkout:${request.purchaseId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { sessionId: session.id, url: session.url };
  }

  async createPayoutAccount(performer: { id: string; email: string }): Promise<{ accountId: string }> {
    const account = await this.#stripe.accounts.create(
      {
        type: 'express',
        email: performer.email,
        capabilities: { transfers: { requested: true } },
        metadata: { performer_id: performer.id },
      },
      { idempotencyKey: `payout-account:${performer.id}` },
    );
    return { accountId: account.id };
  }

  async onboardingUrl(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string> {
    const link = await this.#stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      return_url: urls.returnUrl,
      refresh_url: urls.refreshUrl,
    });
    return link.url;
  }

  async payoutAccountStatus(accountId: string): Promise<ProviderAccountStatus> {
    return accountStatus(await this.#stripe.accounts.retrieve(accountId));
  }

  /**
   * A refusal Stripe gave (a 4xx: no such account, transfers not enabled, insufficient platform
   * balance) is a failed transfer. Anything else (network, 5xx, rate limit) leaves the outcome
   * unknown, so it throws: the caller retries with the same payout id, which Stripe dedupes.
   */
  async transfer(payout: {
    payoutId: string;
    accountId: string;
    amountCents: number;
    currency: string;
  }): Promise<TransferResult> {
    try {
      const transfer = await this.#stripe.transfers.create(
        {
          amount: payout.amountCents,
          currency: payout.currency,
          destination: payout.accountId,
          transfer_group: payout.payoutId,
          metadata: { payout_id: payout.payoutId },
        },
        { idempotencyKey: transferKey(payout.payoutId) },
      );
      return { ok: true, transferId: transfer.id };
    } catch (error) {
      if (isRefusal(error)) return { ok: false, reason: error.message };
      throw error;
    }
  }

  /** By transfer group, which every payout's transfer carries (its payout id). */
  async findTransfer(payoutId: string): Promise<{ transferId: string } | null> {
    const { data } = await this.#stripe.transfers.list({ transfer_group: payoutId, limit: 1 });
    return data[0] ? { transferId: data[0].id } : null;
  }
}

function isRefusal(error: unknown): error is Error {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}
