import { Hono } from 'hono';
import type { PurchaseStatus } from '../../../wire/money.ts';
import type { AppEnv } from '../../env.ts';
import { log } from '../../log.ts';
import { returnUrls } from '../../payments/index.ts';
import { finishLocalOnboarding, isLocalPayoutAccount } from '../../payments/local.ts';
import { deliverLocalEvent, type LocalEventType, localAccountEvent, localEvent } from '../../payments/local-events.ts';
import { checkoutPage, messagePage, onboardingPage, STYLE } from '../../payments/local-pages.ts';
import { findPurchase } from '../../payments/purchases.ts';
import { requireStandIns } from '../../stand-ins.ts';

/**
 * The local payment provider's pages (the local stack only; 404 elsewhere, see stand-ins.ts). The
 * checkout's buttons do what Stripe would: send the webhook event, signed, to the real webhook
 * route, then send the browser back to the wallet. Paid purchases can be refunded or disputed
 * from the same page, to try those paths by hand.
 */
export const devCheckout = new Hono<AppEnv>();

devCheckout.use('*', requireStandIns);

devCheckout.get('/payments.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  return c.body(STYLE);
});

devCheckout.get('/checkout/:purchaseId', async (c) => {
  const purchase = await findPurchase(c.env.DB, c.req.param('purchaseId'));
  if (!purchase) return c.html(messagePage('No such checkout', 'This checkout does not exist.'), 404);
  return c.html(checkoutPage(purchase));
});

/** What each button does, and from which status: the event Stripe would send, and where to go next. */
const ACTIONS: Record<string, { from: PurchaseStatus; event: LocalEventType; next: 'success' | 'cancel' | 'page' }> = {
  pay: { from: 'pending', event: 'checkout.session.completed', next: 'success' },
  // Stripe sends nothing when a buyer walks away; the session expires later. Locally it expires now.
  decline: { from: 'pending', event: 'checkout.session.expired', next: 'cancel' },
  refund: { from: 'paid', event: 'charge.refunded', next: 'page' },
  dispute: { from: 'paid', event: 'charge.dispute.created', next: 'page' },
};

devCheckout.post('/checkout/:purchaseId', async (c) => {
  const purchase = await findPurchase(c.env.DB, c.req.param('purchaseId'));
  if (!purchase) return c.html(messagePage('No such checkout', 'This checkout does not exist.'), 404);
  const form = await c.req.formData();
  const action = ACTIONS[String(form.get('action'))];
  if (!action) return c.html(messagePage('Unknown action', 'Choose one of the buttons on the checkout page.'), 400);
  const origin = new URL(c.req.url).origin;
  const page = `/dev/checkout/${encodeURIComponent(purchase.id)}`;
  // A second press (back button, double click) is not a second payment: show where it stands.
  if (purchase.status !== action.from) return c.redirect(page, 303);
  const response = await deliverLocalEvent(
    origin,
    c.env.STRIPE_WEBHOOK_SECRET,
    localEvent(action.event, purchase, origin),
  );
  if (!response.ok) {
    const answer = await response.text();
    log('error', 'local_webhook_refused', { purchaseId: purchase.id, status: response.status, answer });
    return c.html(messagePage('The webhook refused the event', `It answered ${response.status}: ${answer}`), 502);
  }
  const urls = returnUrls(origin, purchase.id);
  return c.redirect(
    action.next === 'success' ? urls.successUrl : action.next === 'cancel' ? urls.cancelUrl : page,
    303,
  );
});

devCheckout.get('/payouts/onboarding/:accountId', async (c) => {
  const accountId = c.req.param('accountId');
  if (!(await isLocalPayoutAccount(c.env.DB, accountId)))
    return c.html(
      messagePage('No such payout account', 'This onboarding link does not match a local payout account.'),
      404,
    );
  return c.html(onboardingPage(accountId, sameSite(c.req.query('return'), new URL(c.req.url).origin)));
});

devCheckout.post('/payouts/onboarding/:accountId', async (c) => {
  const form = await c.req.formData();
  const choice = form.get('transfers');
  const outcome = choice === 'fail' || choice === 'more' ? choice : 'succeed';
  const accountId = await finishLocalOnboarding(c.env.DB, c.req.param('accountId'), outcome);
  if (!accountId)
    return c.html(
      messagePage('No such payout account', 'This onboarding link does not match a local payout account.'),
      404,
    );
  // As Stripe does: the account's new state reaches Encore only through the signed webhook.
  const origin = new URL(c.req.url).origin;
  const response = await deliverLocalEvent(origin, c.env.STRIPE_WEBHOOK_SECRET, localAccountEvent(accountId, outcome));
  if (!response.ok) {
    const answer = await response.text();
    log('error', 'local_webhook_refused', { accountId, status: response.status, answer });
    return c.html(messagePage('The webhook refused the event', `It answered ${response.status}: ${answer}`), 502);
  }
  return c.redirect(sameSite(String(form.get('return') ?? ''), origin), 303);
});

/** Only this site's own pages, so the onboarding page cannot be used as an open redirect. */
function sameSite(target: string | undefined, origin: string): string {
  if (!target) return '/studio';
  try {
    const url = new URL(target, origin);
    if (url.origin === origin) return `${url.pathname}${url.search}`;
  } catch {
    // Not a URL at all: fall through to the default.
  }
  return '/studio';
}
