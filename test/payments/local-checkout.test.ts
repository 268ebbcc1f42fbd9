import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CheckoutResponse } from '../../wire/money.ts';
import app from '../../workers/index.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { type Browser, ORIGIN, signedUp } from '../client.ts';
import { count, walletOf } from '../money/fixtures.ts';
import { purchaseRow } from './fixtures.ts';

async function startCheckout(browser: Browser, packId = 'fan'): Promise<CheckoutResponse> {
  const response = await browser.post('/api/wallet/purchases', { packId });
  expect(response.status).toBe(201);
  return (await response.json()) as CheckoutResponse;
}

/** Presses one of the checkout page's buttons, as the browser's form post would. */
function press(browser: Browser, purchaseId: string, action: string): Promise<Response> {
  return browser.fetch(`/dev/checkout/${purchaseId}`, { method: 'POST', body: new URLSearchParams({ action }) });
}

async function statusSeenByBuyer(browser: Browser, purchaseId: string): Promise<string> {
  const response = await browser.fetch(`/api/wallet/purchases/${purchaseId}`);
  return ((await response.json()) as { purchase: { status: string } }).purchase.status;
}

describe('the local checkout', () => {
  it('sends the buyer to its own page, which shows the pack and price under the site’s CSP', async () => {
    const { browser } = await signedUp();
    const { purchase, checkoutUrl } = await startCheckout(browser);
    expect(checkoutUrl).toBe(`${ORIGIN}/dev/checkout/${purchase.id}`);
    const page = await browser.fetch(new URL(checkoutUrl).pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    const text = await page.text();
    expect(text).toContain('Fan pack');
    expect(text).toContain('$5.00');
    expect(text).toContain('550');
    expect(text).not.toMatch(/<script|style=/);
    const css = await browser.fetch('/dev/payments.css');
    expect(css.headers.get('Content-Type')).toContain('text/css');
  });

  it('pays: the signed webhook credits the wallet, then the browser returns to the wallet', async () => {
    const { browser, user } = await signedUp();
    const { purchase } = await startCheckout(browser);
    const paid = await press(browser, purchase.id, 'pay');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('Location')).toBe(`${ORIGIN}/wallet/return?purchase=${purchase.id}`);
    expect(await statusSeenByBuyer(browser, purchase.id)).toBe('paid');
    expect(await walletOf(user.id)).toBe(550);
    expect(
      await count(
        "select count(*) as n from payment_events where type = 'checkout.session.completed' and id like 'evt_local_%'",
      ),
    ).toBeGreaterThan(0);
    expect((await checkLedger(env.DB)).ok).toBe(true);
  });

  it('pays once when Pay is pressed twice', async () => {
    const { browser, user } = await signedUp();
    const { purchase } = await startCheckout(browser, 'starter');
    await press(browser, purchase.id, 'pay');
    const again = await press(browser, purchase.id, 'pay');
    expect(again.status).toBe(303);
    expect(await walletOf(user.id)).toBe(100);
  });

  it('declines: the purchase is cancelled, nothing is credited, and the browser returns with cancelled=1', async () => {
    const { browser, user } = await signedUp();
    const { purchase } = await startCheckout(browser);
    const declined = await press(browser, purchase.id, 'decline');
    expect(declined.headers.get('Location')).toBe(`${ORIGIN}/wallet/return?purchase=${purchase.id}&cancelled=1`);
    expect(await statusSeenByBuyer(browser, purchase.id)).toBe('cancelled');
    expect(await walletOf(user.id)).toBe(0);
    expect(await press(browser, purchase.id, 'pay').then((r) => r.headers.get('Location'))).toBe(
      `/dev/checkout/${purchase.id}`,
    );
    expect(await walletOf(user.id)).toBe(0);
  });

  it('refunds and disputes a paid purchase from the same page, through the webhook', async () => {
    const { browser, user } = await signedUp();
    const { purchase } = await startCheckout(browser);
    await press(browser, purchase.id, 'pay');
    expect(await (await browser.fetch(`/dev/checkout/${purchase.id}`)).text()).toContain('Open a dispute');
    await press(browser, purchase.id, 'refund');
    expect((await purchaseRow(purchase.id))?.status).toBe('refunded');
    expect(await walletOf(user.id)).toBe(0);
  });

  it('answers 404 for a checkout that does not exist', async () => {
    const { browser } = await signedUp();
    expect((await browser.fetch(`/dev/checkout/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('does not exist in production', async () => {
    const production = { ...env, ENVIRONMENT: 'production' };
    for (const [path, method] of [
      ['/dev/checkout/anything', 'GET'],
      ['/dev/checkout/anything', 'POST'],
      ['/dev/payments.css', 'GET'],
      ['/dev/payouts/onboarding/acct_local_x', 'GET'],
    ] as const) {
      const response = await app.request(`${ORIGIN}${path}`, { method, headers: { Origin: ORIGIN } }, production);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
  });
});
