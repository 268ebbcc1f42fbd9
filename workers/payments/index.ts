import { standInsEnabled } from '../stand-ins.ts';
import { LocalProvider } from './local.ts';
import type { PaymentProvider } from './provider.ts';
import { StripeProvider } from './stripe.ts';

/**
 * The provider for this environment: Stripe when STRIPE_SECRET_KEY is set, otherwise the local
 * provider (the local stack only). `origin` is this site's origin, for the local provider's page URLs. Production
 * without a key is a misconfiguration, not a reason to serve a checkout page that takes no money.
 */
export function paymentProvider(env: Env, origin: string): PaymentProvider {
  if (env.STRIPE_SECRET_KEY) return new StripeProvider(env);
  // Its pages live under /dev, which only the local stack serves.
  if (!standInsEnabled(env))
    throw new Error('STRIPE_SECRET_KEY is not set; only the local stack can use the local payment provider');
  return new LocalProvider(env.DB, origin);
}

/** Where the provider sends the buyer back to: the wallet's return page, which waits for the credit. */
export function returnUrls(origin: string, purchaseId: string): { successUrl: string; cancelUrl: string } {
  const purchase = encodeURIComponent(purchaseId);
  return {
    successUrl: `${origin}/wallet/return?purchase=${purchase}`,
    cancelUrl: `${origin}/wallet/return?purchase=${purchase}&cancelled=1`,
  };
}
